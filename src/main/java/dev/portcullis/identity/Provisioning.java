package dev.portcullis.identity;

import dev.portcullis.credentials.CredentialInvalidation;
import dev.portcullis.events.Actor;
import dev.portcullis.events.EventDraft;
import dev.portcullis.events.EventLog;
import dev.portcullis.events.EventType;
import dev.portcullis.secrets.Ids;
import dev.portcullis.secrets.Passwords;
import dev.portcullis.storage.Database;
import dev.portcullis.storage.Tx;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Operators' acts on users, workspaces and members (the CLI, /manage and imports): there is no
 * acting user, so no membership check, but the same rules as {@link IdentityService} otherwise.
 * {@code actor} is the operator token (/manage/v1) or the system (the command line, imports); each
 * change records its audit event in its transaction.
 */
public final class Provisioning {
    private final Database db;
    private final Roster roster;
    private final Passwords passwords;
    private final CredentialInvalidation credentials;

    public Provisioning(Database db, UserRepository users, WorkspaceRepository workspaces, MembershipRepository memberships,
                        Passwords passwords, Ids ids, Clock clock, CredentialInvalidation credentials, EventLog events) {
        this.db = db;
        this.roster = new Roster(users, workspaces, memberships, ids, clock, events);
        this.passwords = passwords;
        this.credentials = credentials;
    }

    /**
     * A user to be created or updated: validated, password already hashed (slow, so outside any
     * transaction); {@code profile} holds the profile claims to set (its null fields are kept).
     */
    public record PreparedUser(String email, String name, String passwordHash, ProfileChange profile) {
        @Override
        public String toString() {
            return "PreparedUser[" + email + "]";
        }
    }

    /** What an upsert did: created the thing, or updated the one that was there. */
    public record Saved<T>(T value, boolean created) {}

    public PreparedUser prepareUser(String name, String email, String password) {
        return prepareUser(name, email, password, ProfileChange.none());
    }

    /** As above, with profile claims ({@code profile}'s name is ignored: {@code name} is the one). */
    public PreparedUser prepareUser(String name, String email, String password, ProfileChange profile) {
        String cleanName = Fields.name("name", name);
        String cleanEmail = Fields.email(email);
        ProfileChange cleanProfile = profile.withName(cleanName).validated();
        Passwords.checkPolicy("password", password, cleanEmail, cleanName);
        return new PreparedUser(cleanEmail, cleanName, passwords.hash(password), cleanProfile);
    }

    /** The rules {@link #saveWorkspace} applies, for validating a whole setup file before applying it. */
    public static void checkWorkspace(String slug, String name) {
        Fields.slug(slug);
        Fields.name("name", name);
    }

    /** A user without a workspace, for operators who then add them to workspaces. */
    public User createUser(Actor actor, PreparedUser prepared) {
        return db.inTransaction(tx -> {
            if (roster.users.findByEmail(tx, prepared.email()).isPresent()) throw Roster.emailTaken();
            return created(tx, actor, roster.insertUser(tx, prepared.email(), prepared.passwordHash(), prepared.profile()));
        });
    }

    /** An account made for someone (an operator, the command line, an import), as sign-up is one made by its person. */
    private User created(Tx tx, Actor actor, User user) {
        roster.events.record(tx, EventDraft.of(EventType.USER_CREATED, actor).about("user", user.id()));
        return user;
    }

    /**
     * Someone who first signs in through an upstream provider (federation/): {@code prepared}
     * carries a random password nobody knows. Inside the caller's transaction; they get their own
     * workspace, as at sign-up, when {@code ownWorkspace}. A taken email is a validation error.
     * Recorded as signup by the new user, with {@code method} (e.g. {@code upstream:<provider>}).
     */
    public User createSignedInUser(Tx tx, PreparedUser prepared, boolean emailVerified, boolean ownWorkspace, Actor.Origin origin,
                                   String method) {
        if (roster.users.findByEmail(tx, prepared.email()).isPresent()) throw Roster.emailTaken();
        User user = roster.insertUser(tx, prepared.email(), prepared.passwordHash(), prepared.profile(), emailVerified);
        Actor actor = Actor.user(user.id(), origin);
        EventDraft signup = EventDraft.of(EventType.SIGNUP, actor).about("user", user.id()).with("method", method);
        if (ownWorkspace) signup = signup.inWorkspace(roster.insertOwnWorkspace(tx, user, actor).id());
        roster.events.record(tx, signup);
        return user;
    }

    /** Creates the user, or sets the name, profile claims and password of the one with that email. */
    public Saved<User> saveUser(Tx tx, Actor actor, PreparedUser prepared) {
        Optional<User> existing = roster.users.findByEmail(tx, prepared.email());
        if (existing.isEmpty()) {
            return new Saved<>(created(tx, actor, roster.insertUser(tx, prepared.email(), prepared.passwordHash(), prepared.profile())), true);
        }
        User user = roster.changeProfile(tx, existing.get().id(), prepared.profile());
        roster.users.changePassword(tx, user.id(), prepared.passwordHash());
        return new Saved<>(user, false);
    }

    /** An operator edits a user's name or profile claims (null fields are kept, empty ones cleared). */
    public User changeProfile(String userId, ProfileChange change) {
        ProfileChange clean = change.validated();
        return db.inTransaction(tx -> roster.changeProfile(tx, userId, clean));
    }

    /**
     * Creates the workspace with {@code adminUserId} as its admin, or renames the one with that
     * slug (its members are left to {@link #setMember}). Credentials report their workspace's
     * name: call {@link #credentialsChanged()} after commit.
     */
    public Saved<Workspace> saveWorkspace(Tx tx, String slug, String name, String adminUserId, Actor actor) {
        String cleanSlug = Fields.slug(slug);
        String cleanName = Fields.name("name", name);
        Optional<Workspace> existing = roster.workspaces.findBySlug(tx, cleanSlug);
        if (existing.isEmpty()) {
            return new Saved<>(roster.insertWorkspace(tx, adminUserId, cleanName, cleanSlug, Optional.empty(), roster.now(), actor),
                    true);
        }
        roster.workspaces.rename(tx, existing.get().id(), cleanName);
        return new Saved<>(roster.workspaces.findById(tx, existing.get().id()).orElseThrow(), false);
    }

    /** Adds the user with the role, or changes their role; keeps the one-admin rule. */
    public void setMember(Tx tx, String workspaceId, String userId, Role role, Actor actor) {
        if (roster.memberships.find(tx, workspaceId, userId).isEmpty()) {
            roster.addMembership(tx, workspaceId, userId, role, actor);
        } else {
            roster.applyRole(tx, workspaceId, userId, role, actor);
        }
    }

    public Member addMember(Actor actor, String workspaceId, String email, Role role) {
        String cleanEmail = Fields.email(email);
        return db.inTransaction(tx -> {
            roster.lockExisting(tx, workspaceId);
            return roster.insertMember(tx, workspaceId, cleanEmail, role, actor);
        });
    }

    public void changeRole(Actor actor, String workspaceId, String targetUserId, Role role) {
        db.inTransaction(tx -> {
            roster.lockExisting(tx, workspaceId);
            return roster.applyRole(tx, workspaceId, targetUserId, role, actor);
        });
    }

    /** The member's connections and their tokens go with the membership, and stop working at once. */
    public void removeMember(Actor actor, String workspaceId, String targetUserId) {
        db.inTransaction(tx -> {
            roster.lockExisting(tx, workspaceId);
            return roster.removeMembership(tx, workspaceId, targetUserId, actor);
        });
        credentials.changed();
    }

    /** For callers that changed workspaces inside their own transaction ({@link #saveWorkspace}), after commit. */
    public void credentialsChanged() {
        credentials.changed();
    }

    public List<Member> members(String workspaceId) {
        return db.read(tx -> members(tx, workspaceId));
    }

    public List<Member> members(Tx tx, String workspaceId) {
        return roster.memberships.membersOf(tx, workspaceId);
    }

    /** Whether anyone has an account yet: the demo seed runs only on an empty database. */
    public boolean hasUsers(Tx tx) {
        return roster.users.any(tx);
    }
}
