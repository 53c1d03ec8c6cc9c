package dev.portcullis.identity;

import dev.portcullis.credentials.CredentialInvalidation;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.events.EventDraft;
import dev.portcullis.events.EventLog;
import dev.portcullis.events.EventType;
import dev.portcullis.secrets.Passwords;
import dev.portcullis.storage.Database;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Sign-up, login and workspace membership as users act on them, with their rules: a non-member
 * cannot tell a workspace exists (404), a member lacking the admin role is refused (403), and a
 * workspace always keeps one admin. Every act is one transaction, with its audit event in it (the
 * acting user is the actor; {@code origin} is the request's address and user agent). Operators' acts,
 * which have no acting user, are in {@link Provisioning}.
 */
public final class IdentityService {
    private final Database db;
    private final Roster roster;
    private final Passwords passwords;
    private final CredentialInvalidation credentials;

    public record SignedUp(User user, Workspace workspace) {}

    public IdentityService(Database db, UserRepository users, WorkspaceRepository workspaces, MembershipRepository memberships,
                           Passwords passwords, dev.portcullis.secrets.Ids ids, java.time.Clock clock,
                           CredentialInvalidation credentials, EventLog events) {
        this.db = db;
        this.roster = new Roster(users, workspaces, memberships, ids, clock, events);
        this.passwords = passwords;
        this.credentials = credentials;
    }

    /** As {@link #signUp(String, String, String, Actor.Origin)} without a request (no address or user agent). */
    public SignedUp signUp(String name, String email, String password) {
        return signUp(name, email, password, Actor.Origin.NONE);
    }

    /** Creates the user and their first workspace, with them as its admin; the new user is the actor of its events. */
    public SignedUp signUp(String name, String email, String password, Actor.Origin origin) {
        String cleanName = Fields.name("name", name);
        String cleanEmail = Fields.email(email);
        Passwords.checkPolicy("password", password, cleanEmail, cleanName);
        String hash = passwords.hash(password); // slow: outside the transaction
        return db.inTransaction(tx -> {
            if (roster.users.findByEmail(tx, cleanEmail).isPresent()) throw Roster.emailTaken();
            User user = roster.insertUser(tx, cleanEmail, cleanName, hash);
            Actor actor = Actor.user(user.id(), origin);
            Workspace workspace = roster.insertOwnWorkspace(tx, user, actor);
            roster.events.record(tx, EventDraft.of(EventType.SIGNUP, actor).inWorkspace(workspace.id()).about("user", user.id())
                    .with("method", "password"));
            return new SignedUp(user, workspace);
        });
    }

    /**
     * The user when the password matches; the same work is done whether or not the account exists.
     * A hash made with older Argon2id parameters is replaced by one with today's (OWASP Password
     * Storage Cheat Sheet, "upgrading legacy hashes"), after the check, outside its transaction.
     */
    public Optional<User> authenticate(String email, String password) {
        return check(email, password).user();
    }

    /**
     * A login attempt at the login page: {@link #authenticate}, and a failure is recorded as
     * login.failed (reason {@code unknown_account} with the typed email, lower-cased, or
     * {@code wrong_password} about the account). The success is recorded with the session ({@link LoginSessions#logIn}).
     */
    public Optional<User> logIn(String email, String password, Actor.Origin origin) {
        Attempt attempt = check(email, password);
        if (attempt.user().isEmpty()) {
            EventDraft failed = attempt.account().isPresent()
                    ? about(EventType.LOGIN_FAILED, origin, attempt.account().get()).with("reason", "wrong_password")
                    : unknown(EventType.LOGIN_FAILED, origin, email).with("reason", "unknown_account");
            roster.events.record(failed.with("method", "password"));
        }
        return attempt.user();
    }

    /**
     * The throttle refused an attempt on {@code email} from this origin (the page records it once
     * per lock): login.locked, about the account when there is one, with the wait in seconds.
     */
    public void loginLocked(String email, Actor.Origin origin, long retryAfterSeconds) {
        Optional<User> account = findByEmail(email);
        EventDraft locked = account.isPresent()
                ? about(EventType.LOGIN_LOCKED, origin, account.get())
                : unknown(EventType.LOGIN_LOCKED, origin, email);
        roster.events.record(locked.with("reason", "throttled").with("retry_after", retryAfterSeconds));
    }

    private static EventDraft about(EventType type, Actor.Origin origin, User account) {
        return EventDraft.of(type, Actor.anonymous(origin)).about("user", account.id());
    }

    /** An email no account has: kept lower-cased and bounded, so the log shows what was tried. */
    private static EventDraft unknown(EventType type, Actor.Origin origin, String email) {
        String typed = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        return EventDraft.of(type, Actor.anonymous(origin)).with("email", typed.length() <= 254 ? typed : typed.substring(0, 254));
    }

    /** What a password check found: the account the email names, if any, and the user when the password matched. */
    private record Attempt(Optional<User> account, Optional<User> user) {}

    private Attempt check(String email, String password) {
        String key = email == null ? "" : email.strip();
        var credentials = key.isEmpty() ? Optional.<UserRepository.Credentials>empty() : db.read(tx -> roster.users.credentialsOf(tx, key));
        if (credentials.isEmpty()) {
            passwords.burnTime();
            return new Attempt(Optional.empty(), Optional.empty());
        }
        User account = credentials.get().user();
        String stored = credentials.get().passwordHash();
        boolean matches = passwords.verify(password, stored);
        if (matches && passwords.needsRehash(stored)) {
            String fresh = passwords.hash(password);
            db.inTransaction(tx -> roster.users.rehashPassword(tx, account.id(), stored, fresh));
        }
        return new Attempt(Optional.of(account), matches ? Optional.of(account) : Optional.empty());
    }

    /** A workspace the user creates for themselves (no request: no address or user agent). */
    public Workspace createWorkspace(String userId, String name, String slug, String logoUrl) {
        return createWorkspace(Actor.user(userId, Actor.Origin.NONE), userId, name, slug, logoUrl);
    }

    /** A blank slug is derived from the name. {@code actor} is the user themselves, or the operator who made them its admin. */
    public Workspace createWorkspace(Actor actor, String userId, String name, String slug, String logoUrl) {
        String cleanName = Fields.name("name", name);
        Optional<String> logo = Fields.logoUrl(logoUrl);
        boolean derive = slug == null || slug.isBlank();
        String cleanSlug = derive ? Fields.slugFrom(cleanName) : Fields.slug(slug);
        Instant now = roster.now();
        return db.inTransaction(tx -> {
            if (roster.users.findById(tx, userId).isEmpty()) throw OAuthException.notFound("User not found");
            String chosen = derive ? roster.freeSlug(tx, cleanSlug) : cleanSlug;
            if (!derive && roster.workspaces.slugTaken(tx, chosen)) throw Roster.slugTaken();
            return roster.insertWorkspace(tx, userId, cleanName, chosen, logo, now, actor);
        });
    }

    public Member addMember(String actingUserId, String workspaceId, String email, Role role) {
        return addMember(actingUserId, workspaceId, email, role, Actor.Origin.NONE);
    }

    public Member addMember(String actingUserId, String workspaceId, String email, Role role, Actor.Origin origin) {
        String cleanEmail = Fields.email(email);
        return db.inTransaction(tx -> {
            roster.requireAdmin(tx, actingUserId, workspaceId);
            return roster.insertMember(tx, workspaceId, cleanEmail, role, Actor.user(actingUserId, origin));
        });
    }

    public void changeRole(String actingUserId, String workspaceId, String targetUserId, Role role) {
        changeRole(actingUserId, workspaceId, targetUserId, role, Actor.Origin.NONE);
    }

    public void changeRole(String actingUserId, String workspaceId, String targetUserId, Role role, Actor.Origin origin) {
        db.inTransaction(tx -> {
            roster.requireAdmin(tx, actingUserId, workspaceId);
            return roster.applyRole(tx, workspaceId, targetUserId, role, Actor.user(actingUserId, origin));
        });
    }

    public void removeMember(String actingUserId, String workspaceId, String targetUserId) {
        removeMember(actingUserId, workspaceId, targetUserId, Actor.Origin.NONE);
    }

    /**
     * Admins remove anyone; any member may remove themselves (leave). The member's connections and
     * their tokens go with the membership, and stop working at once.
     */
    public void removeMember(String actingUserId, String workspaceId, String targetUserId, Actor.Origin origin) {
        db.inTransaction(tx -> {
            if (actingUserId.equals(targetUserId)) {
                roster.requireMember(tx, actingUserId, workspaceId);
            } else {
                roster.requireAdmin(tx, actingUserId, workspaceId);
            }
            return roster.removeMembership(tx, workspaceId, targetUserId, Actor.user(actingUserId, origin));
        });
        credentials.changed();
    }

    /** The user edits their own name and profile claims (null fields are kept, empty ones cleared). */
    public User changeProfile(String userId, ProfileChange change) {
        ProfileChange clean = change.validated();
        return db.inTransaction(tx -> roster.changeProfile(tx, userId, clean));
    }

    public List<WorkspaceAccess> workspacesOf(String userId) {
        return db.read(tx -> roster.memberships.workspacesOf(tx, userId));
    }

    /** The acting user's view of a workspace they belong to; NotFound for anyone else. */
    public WorkspaceAccess accessBySlug(String userId, String slug) {
        return db.read(tx -> {
            Workspace w = roster.workspaces.findBySlug(tx, slug).orElseThrow(Roster::workspaceNotFound);
            return new WorkspaceAccess(w, roster.requireMember(tx, userId, w.id()));
        });
    }

    /** The user's membership in a workspace, if any: for the consent step and token claims. */
    public Optional<WorkspaceAccess> access(String userId, String workspaceId) {
        return db.read(tx -> access(tx, userId, workspaceId));
    }

    /** Inside the caller's transaction: a second connection from within one could exhaust the pool. */
    public Optional<WorkspaceAccess> access(Tx tx, String userId, String workspaceId) {
        return roster.workspaces.findById(tx, workspaceId)
                .flatMap(w -> roster.memberships.find(tx, workspaceId, userId).map(m -> new WorkspaceAccess(w, m)));
    }

    public List<Member> membersOf(String actingUserId, String workspaceId) {
        return db.read(tx -> {
            roster.requireMember(tx, actingUserId, workspaceId);
            return roster.memberships.membersOf(tx, workspaceId);
        });
    }

    /** For other capabilities guarding workspace resources (API keys): 404 for non-members, 403 for members. */
    public void checkAdmin(Tx tx, String userId, String workspaceId) {
        roster.requireAdmin(tx, userId, workspaceId);
    }

    public Optional<User> findUser(String id) {
        return db.read(tx -> findUser(tx, id));
    }

    public Optional<User> findUser(Tx tx, String id) {
        return roster.users.findById(tx, id);
    }

    public Optional<User> findByEmail(String email) {
        return db.read(tx -> findByEmail(tx, email));
    }

    public Optional<User> findByEmail(Tx tx, String email) {
        return email == null ? Optional.empty() : roster.users.findByEmail(tx, email.strip());
    }

    public Optional<Workspace> findWorkspace(String id) {
        return db.read(tx -> findWorkspace(tx, id));
    }

    public Optional<Workspace> findWorkspace(Tx tx, String id) {
        return roster.workspaces.findById(tx, id);
    }

    public Optional<Workspace> findWorkspaceBySlug(String slug) {
        return db.read(tx -> findWorkspaceBySlug(tx, slug));
    }

    public Optional<Workspace> findWorkspaceBySlug(Tx tx, String slug) {
        return slug == null ? Optional.empty() : roster.workspaces.findBySlug(tx, slug.strip());
    }
}
