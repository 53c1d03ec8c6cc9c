package dev.portcullis.identity;

import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.secrets.Ids;
import dev.portcullis.storage.Tx;
import dev.portcullis.storage.UniqueViolation;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The membership rules that users' own acts ({@link IdentityService}) and operators' acts
 * ({@link Provisioning}) share: one place for "a workspace keeps one admin", "non-members get
 * 404", and how users, workspaces and memberships are inserted.
 */
final class Roster {
    final UserRepository users;
    final WorkspaceRepository workspaces;
    final MembershipRepository memberships;
    private final Ids ids;
    private final Clock clock;

    Roster(UserRepository users, WorkspaceRepository workspaces, MembershipRepository memberships, Ids ids, Clock clock) {
        this.users = users;
        this.workspaces = workspaces;
        this.memberships = memberships;
        this.ids = ids;
        this.clock = clock;
    }

    String nextId() {
        return ids.next();
    }

    User insertUser(Tx tx, String email, String name, String passwordHash) {
        return insertUser(tx, email, passwordHash, ProfileChange.none().withName(name));
    }

    /** {@code profile} is validated and carries the name. */
    User insertUser(Tx tx, String email, String passwordHash, ProfileChange profile) {
        return insertUser(tx, email, passwordHash, profile, false);
    }

    /** As above; {@code emailVerified} when someone trusted already checked the address (an upstream provider). */
    User insertUser(Tx tx, String email, String passwordHash, ProfileChange profile, boolean emailVerified) {
        Instant now = now();
        User blank = new User(ids.next(), email, profile.name(), emailVerified, now);
        User user = profile.applyTo(blank, now);
        try {
            users.insert(tx, user, passwordHash);
        } catch (UniqueViolation e) {
            throw emailTaken();
        }
        return user;
    }

    /** Writes a validated change when it changes anything; the user as it is now. */
    User changeProfile(Tx tx, String userId, ProfileChange validated) {
        User user = users.findById(tx, userId).orElseThrow(() -> OAuthException.notFound("User not found"));
        User changed = validated.applyTo(user, now());
        if (changed != user) users.updateProfile(tx, changed);
        return changed;
    }

    void lockExisting(Tx tx, String workspaceId) {
        if (!workspaces.lock(tx, workspaceId)) throw workspaceNotFound();
    }

    Member insertMember(Tx tx, String workspaceId, String cleanEmail, Role role) {
        User user = users.findByEmail(tx, cleanEmail)
                .orElseThrow(() -> OAuthException.validation("email", "No account uses that email; they must sign up first"));
        if (memberships.find(tx, workspaceId, user.id()).isPresent()) {
            throw OAuthException.validation("email", "That person is already a member");
        }
        Membership m = new Membership(ids.next(), workspaceId, user.id(), role);
        memberships.insert(tx, m, now());
        return new Member(m, user);
    }

    boolean applyRole(Tx tx, String workspaceId, String targetUserId, Role role) {
        Membership target = memberships.find(tx, workspaceId, targetUserId)
                .orElseThrow(() -> OAuthException.notFound("Member not found"));
        if (target.role() == Role.ADMIN && role != Role.ADMIN) requireAnotherAdmin(tx, workspaceId);
        return memberships.changeRole(tx, target.id(), role);
    }

    boolean removeMembership(Tx tx, String workspaceId, String targetUserId) {
        Membership target = memberships.find(tx, workspaceId, targetUserId)
                .orElseThrow(() -> OAuthException.notFound("Member not found"));
        if (target.role() == Role.ADMIN) requireAnotherAdmin(tx, workspaceId);
        return memberships.remove(tx, target.id());
    }

    /** Storage keeps milliseconds; records returned now must equal those read back later. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    Workspace insertWorkspace(Tx tx, String userId, String name, String slug, Optional<String> logo, Instant now) {
        Workspace w = new Workspace(ids.next(), slug, name, logo, now);
        try {
            workspaces.insert(tx, w);
        } catch (UniqueViolation e) {
            throw slugTaken();
        }
        memberships.insert(tx, new Membership(ids.next(), w.id(), userId, Role.ADMIN), now);
        return w;
    }

    /** A new user's first workspace, "Ada's workspace", with them as its admin. */
    Workspace insertOwnWorkspace(Tx tx, User user) {
        String name = user.name();
        String workspaceName = (name.length() > 80 ? name.substring(0, 80).strip() : name) + "'s workspace";
        return insertWorkspace(tx, user.id(), workspaceName, freeSlug(tx, Fields.slugFrom(name)), Optional.empty(), user.createdAt());
    }

    /** The base slug, or the base with the first free numeric suffix. */
    String freeSlug(Tx tx, String base) {
        if (!workspaces.slugTaken(tx, base)) return base;
        for (int n = 2; ; n++) {
            String candidate = base + "-" + n;
            if (!workspaces.slugTaken(tx, candidate)) return candidate;
        }
    }

    Membership requireMember(Tx tx, String userId, String workspaceId) {
        return memberships.find(tx, workspaceId, userId).orElseThrow(Roster::workspaceNotFound);
    }

    void requireAdmin(Tx tx, String userId, String workspaceId) {
        if (!workspaces.lock(tx, workspaceId)) throw workspaceNotFound();
        if (requireMember(tx, userId, workspaceId).role() != Role.ADMIN) {
            throw new OAuthException(new OAuthError.AccessDenied("Only workspace admins can do this"));
        }
    }

    private void requireAnotherAdmin(Tx tx, String workspaceId) {
        workspaces.lock(tx, workspaceId);
        if (memberships.countAdmins(tx, workspaceId) <= 1) {
            throw new OAuthException(new Failure.Conflict("A workspace needs at least one admin"));
        }
    }

    static OAuthException workspaceNotFound() {
        return OAuthException.notFound("Workspace not found");
    }

    static OAuthException emailTaken() {
        return OAuthException.validation("email", "An account with this email already exists");
    }

    static OAuthException slugTaken() {
        return OAuthException.validation("slug", "That slug is taken");
    }
}
