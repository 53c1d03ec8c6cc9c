package dev.portcullis.identity;

import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.events.EventDraft;
import dev.portcullis.events.EventLog;
import dev.portcullis.events.EventType;
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
 * 404", and how users, workspaces and memberships are inserted, each with its audit event
 * (workspace.created, member.added, member.role_changed, member.removed) in the same transaction.
 */
final class Roster {
    final UserRepository users;
    final WorkspaceRepository workspaces;
    final MembershipRepository memberships;
    private final Ids ids;
    private final Clock clock;
    final EventLog events;

    Roster(UserRepository users, WorkspaceRepository workspaces, MembershipRepository memberships, Ids ids, Clock clock,
           EventLog events) {
        this.users = users;
        this.workspaces = workspaces;
        this.memberships = memberships;
        this.ids = ids;
        this.clock = clock;
        this.events = events;
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

    Member insertMember(Tx tx, String workspaceId, String cleanEmail, Role role, Actor actor) {
        User user = users.findByEmail(tx, cleanEmail)
                .orElseThrow(() -> OAuthException.validation("email", "No account uses that email; they must sign up first"));
        if (memberships.find(tx, workspaceId, user.id()).isPresent()) {
            throw OAuthException.validation("email", "That person is already a member");
        }
        return new Member(addMembership(tx, workspaceId, user.id(), role, actor), user);
    }

    /** Inserts the membership (the caller checked there is none) and records member.added. */
    Membership addMembership(Tx tx, String workspaceId, String userId, Role role, Actor actor) {
        return addMembership(tx, workspaceId, userId, role, actor, now());
    }

    private Membership addMembership(Tx tx, String workspaceId, String userId, Role role, Actor actor, Instant at) {
        Membership m = new Membership(ids.next(), workspaceId, userId, role);
        memberships.insert(tx, m, at);
        events.record(tx, memberEvent(EventType.MEMBER_ADDED, actor, workspaceId, userId).with("role", role.value()));
        return m;
    }

    boolean applyRole(Tx tx, String workspaceId, String targetUserId, Role role, Actor actor) {
        Membership target = memberships.find(tx, workspaceId, targetUserId)
                .orElseThrow(() -> OAuthException.notFound("Member not found"));
        if (target.role() == Role.ADMIN && role != Role.ADMIN) requireAnotherAdmin(tx, workspaceId);
        return changeRole(tx, target, role, actor);
    }

    /** Sets the role and records member.role_changed; nothing happens (and nothing is recorded) when it is the same. */
    boolean changeRole(Tx tx, Membership target, Role role, Actor actor) {
        if (target.role() == role) return false;
        boolean changed = memberships.changeRole(tx, target.id(), role);
        events.record(tx, memberEvent(EventType.MEMBER_ROLE_CHANGED, actor, target.workspaceId(), target.userId())
                .with("from", target.role().value()).with("to", role.value()));
        return changed;
    }

    boolean removeMembership(Tx tx, String workspaceId, String targetUserId, Actor actor) {
        Membership target = memberships.find(tx, workspaceId, targetUserId)
                .orElseThrow(() -> OAuthException.notFound("Member not found"));
        if (target.role() == Role.ADMIN) requireAnotherAdmin(tx, workspaceId);
        return remove(tx, target, actor);
    }

    /** Deletes the membership and records member.removed. */
    boolean remove(Tx tx, Membership target, Actor actor) {
        boolean removed = memberships.remove(tx, target.id());
        events.record(tx, memberEvent(EventType.MEMBER_REMOVED, actor, target.workspaceId(), target.userId())
                .with("role", target.role().value()));
        return removed;
    }

    private static EventDraft memberEvent(EventType type, Actor actor, String workspaceId, String userId) {
        return EventDraft.of(type, actor).inWorkspace(workspaceId).about("user", userId);
    }

    /** Records workspace.created for a workspace just inserted (the caller names its admin, if any). */
    void workspaceCreated(Tx tx, Workspace w, Actor actor) {
        events.record(tx, EventDraft.of(EventType.WORKSPACE_CREATED, actor).inWorkspace(w.id()).about("workspace", w.id())
                .with("slug", w.slug()).with("name", w.name()));
    }

    /** Storage keeps milliseconds; records returned now must equal those read back later. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The workspace with {@code userId} as its admin: workspace.created, then member.added for the admin. */
    Workspace insertWorkspace(Tx tx, String userId, String name, String slug, Optional<String> logo, Instant now, Actor actor) {
        Workspace w = new Workspace(ids.next(), slug, name, logo, now);
        try {
            workspaces.insert(tx, w);
        } catch (UniqueViolation e) {
            throw slugTaken();
        }
        workspaceCreated(tx, w, actor);
        addMembership(tx, w.id(), userId, Role.ADMIN, actor, now);
        return w;
    }

    /** A new user's first workspace, "Ada's workspace", with them as its admin. */
    Workspace insertOwnWorkspace(Tx tx, User user, Actor actor) {
        String name = user.name();
        String workspaceName = (name.length() > 80 ? name.substring(0, 80).strip() : name) + "'s workspace";
        return insertWorkspace(tx, user.id(), workspaceName, freeSlug(tx, Fields.slugFrom(name)), Optional.empty(), user.createdAt(),
                actor);
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
