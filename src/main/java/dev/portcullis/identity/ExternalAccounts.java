package dev.portcullis.identity;

import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.events.EventLog;
import dev.portcullis.secrets.Ids;
import dev.portcullis.storage.Tx;
import dev.portcullis.storage.UniqueViolation;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Users, workspaces and memberships that another system owns and vouches for (externallogin/):
 * created, updated and given roles as it says, inside the caller's transaction. Its roster is the
 * truth, so the one-admin rule of Portcullis's own workspace pages does not apply here.
 */
public final class ExternalAccounts {
    /** Never an Argon2id hash, so no password ever matches: these people log in through their own system. */
    static final String NO_PASSWORD = "!external";
    private final Roster roster;

    public ExternalAccounts(UserRepository users, WorkspaceRepository workspaces, MembershipRepository memberships, Ids ids,
                            Clock clock, EventLog events) {
        this.roster = new Roster(users, workspaces, memberships, ids, clock, events);
    }

    /**
     * Creates the user, or sets the email, its verification (empty: kept, false for a new user) and
     * the names of {@code existingId}. The name is first and last name, else the email. An email
     * that belongs to another user is a 409: one person is never merged into another.
     */
    public User saveUser(Tx tx, Optional<String> existingId, String email, Optional<Boolean> emailVerified, String firstName,
                         String lastName) {
        String cleanEmail = Fields.email(email);
        String given = firstName == null ? "" : firstName.strip();
        String family = lastName == null ? "" : lastName.strip();
        String full = (given + " " + family).strip();
        ProfileChange profile = ProfileChange.from(claim -> switch (claim) {
            case "name" -> full.isEmpty() ? cleanEmail : full;
            case "given_name" -> given;
            case "family_name" -> family;
            default -> null;
        }).validated();
        Optional<User> owner = roster.users.findByEmail(tx, cleanEmail);
        if (owner.isPresent() && !owner.get().id().equals(existingId.orElse(null))) throw emailOfAnother();
        if (existingId.isEmpty()) {
            Instant now = roster.now();
            User blank = new User(roster.nextId(), cleanEmail, profile.name(), emailVerified.orElse(false), now);
            User user = profile.applyTo(blank, now);
            try {
                roster.users.insert(tx, user, NO_PASSWORD);
            } catch (UniqueViolation e) {
                throw emailOfAnother();
            }
            return user;
        }
        User current = roster.users.findById(tx, existingId.get()).orElseThrow(() -> OAuthException.notFound("User not found"));
        boolean verified = emailVerified.orElse(current.emailVerified());
        if (!current.email().equals(cleanEmail) || current.emailVerified() != verified) {
            try {
                roster.users.changeEmail(tx, current.id(), cleanEmail, verified);
            } catch (UniqueViolation e) {
                throw emailOfAnother();
            }
        }
        return roster.changeProfile(tx, current.id(), profile);
    }

    /**
     * Creates a workspace with no members yet (the caller names them), or renames {@code existingId}.
     * Without a slug one is made from the name; a slug another workspace has is a 409.
     */
    public Workspace saveWorkspace(Tx tx, Optional<String> existingId, String name, Optional<String> slug, Actor actor) {
        String cleanName = Fields.name("name", name);
        if (existingId.isPresent()) {
            Workspace current = roster.workspaces.findById(tx, existingId.get()).orElseThrow(Roster::workspaceNotFound);
            if (!current.name().equals(cleanName)) roster.workspaces.rename(tx, current.id(), cleanName);
            return roster.workspaces.findById(tx, current.id()).orElseThrow();
        }
        String cleanSlug = slug.isPresent() ? Fields.slug(slug.get()) : roster.freeSlug(tx, Fields.slugFrom(cleanName));
        if (roster.workspaces.slugTaken(tx, cleanSlug)) throw slugOfAnother();
        Workspace w = new Workspace(roster.nextId(), cleanSlug, cleanName, Optional.empty(), roster.now());
        try {
            roster.workspaces.insert(tx, w);
        } catch (UniqueViolation e) {
            throw slugOfAnother();
        }
        roster.workspaceCreated(tx, w, actor);
        return w;
    }

    /** Gives the user {@code role} in the workspace, adding the membership when there is none. */
    public void setRole(Tx tx, String workspaceId, String userId, Role role, Actor actor) {
        Optional<Membership> current = roster.memberships.find(tx, workspaceId, userId);
        if (current.isEmpty()) {
            roster.addMembership(tx, workspaceId, userId, role, actor);
        } else {
            roster.changeRole(tx, current.get(), role, actor);
        }
    }

    /** Removes the user from every workspace whose id is not in {@code keep}. */
    public void keepOnly(Tx tx, String userId, Set<String> keep, Actor actor) {
        for (WorkspaceAccess access : roster.memberships.workspacesOf(tx, userId)) {
            if (!keep.contains(access.workspace().id())) roster.remove(tx, access.membership(), actor);
        }
    }

    private static OAuthException emailOfAnother() {
        return new OAuthException(new Failure.Conflict("That email already belongs to another user"));
    }

    private static OAuthException slugOfAnother() {
        return new OAuthException(new Failure.Conflict("That slug already belongs to another workspace"));
    }
}
