package dev.portcullis.identity;

import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.secrets.Ids;
import dev.portcullis.secrets.Passwords;
import dev.portcullis.storage.Database;
import dev.portcullis.storage.Tx;
import dev.portcullis.storage.UniqueViolation;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Sign-up, login and workspace membership, with their rules: a non-member cannot tell a workspace
 * exists (404), a member lacking the admin role is refused (403), and a workspace always keeps
 * one admin. Every act is one transaction.
 */
public final class IdentityService {
    private final Database db;
    private final UserRepository users;
    private final WorkspaceRepository workspaces;
    private final MembershipRepository memberships;
    private final Passwords passwords;
    private final Ids ids;
    private final Clock clock;

    public record SignedUp(User user, Workspace workspace) {}

    public IdentityService(Database db, UserRepository users, WorkspaceRepository workspaces, MembershipRepository memberships,
                           Passwords passwords, Ids ids, Clock clock) {
        this.db = db;
        this.users = users;
        this.workspaces = workspaces;
        this.memberships = memberships;
        this.passwords = passwords;
        this.ids = ids;
        this.clock = clock;
    }

    /** Creates the user and their first workspace, with them as its admin. */
    public SignedUp signUp(String name, String email, String password) {
        String cleanName = Fields.name("name", name);
        String cleanEmail = Fields.email(email);
        Passwords.checkPolicy("password", password);
        String hash = passwords.hash(password); // slow: outside the transaction
        Instant now = now();
        User user = new User(ids.next(), cleanEmail, cleanName, false, now);
        return db.inTransaction(tx -> {
            if (users.findByEmail(tx, cleanEmail).isPresent()) throw emailTaken();
            try {
                users.insert(tx, user, hash);
            } catch (UniqueViolation e) {
                throw emailTaken();
            }
            String workspaceName = (cleanName.length() > 80 ? cleanName.substring(0, 80).strip() : cleanName) + "'s workspace";
            Workspace workspace = insertWorkspace(tx, user.id(), workspaceName, freeSlug(tx, Fields.slugFrom(cleanName)), Optional.empty(), now);
            return new SignedUp(user, workspace);
        });
    }

    /** The user when the password matches; the same work is done whether or not the account exists. */
    public Optional<User> authenticate(String email, String password) {
        String key = email == null ? "" : email.strip();
        var credentials = key.isEmpty() ? Optional.<UserRepository.Credentials>empty() : db.read(tx -> users.credentialsOf(tx, key));
        if (credentials.isEmpty()) {
            passwords.burnTime();
            return Optional.empty();
        }
        return passwords.verify(password, credentials.get().passwordHash()) ? Optional.of(credentials.get().user()) : Optional.empty();
    }

    /** A blank slug is derived from the name. */
    public Workspace createWorkspace(String userId, String name, String slug, String logoUrl) {
        String cleanName = Fields.name("name", name);
        Optional<String> logo = Fields.logoUrl(logoUrl);
        boolean derive = slug == null || slug.isBlank();
        String cleanSlug = derive ? Fields.slugFrom(cleanName) : Fields.slug(slug);
        Instant now = now();
        return db.inTransaction(tx -> {
            if (users.findById(tx, userId).isEmpty()) throw OAuthException.notFound("User not found");
            String chosen = derive ? freeSlug(tx, cleanSlug) : cleanSlug;
            if (!derive && workspaces.slugTaken(tx, chosen)) throw slugTaken();
            return insertWorkspace(tx, userId, cleanName, chosen, logo, now);
        });
    }

    public Member addMember(String actingUserId, String workspaceId, String email, Role role) {
        String cleanEmail = Fields.email(email);
        return db.inTransaction(tx -> {
            requireAdmin(tx, actingUserId, workspaceId);
            return insertMember(tx, workspaceId, cleanEmail, role);
        });
    }

    public void changeRole(String actingUserId, String workspaceId, String targetUserId, Role role) {
        db.inTransaction(tx -> {
            requireAdmin(tx, actingUserId, workspaceId);
            return applyRole(tx, workspaceId, targetUserId, role);
        });
    }

    /** Admins remove anyone; any member may remove themselves (leave). */
    public void removeMember(String actingUserId, String workspaceId, String targetUserId) {
        db.inTransaction(tx -> {
            if (actingUserId.equals(targetUserId)) {
                requireMember(tx, actingUserId, workspaceId);
            } else {
                requireAdmin(tx, actingUserId, workspaceId);
            }
            return removeMembership(tx, workspaceId, targetUserId);
        });
    }

    public List<WorkspaceAccess> workspacesOf(String userId) {
        return db.read(tx -> memberships.workspacesOf(tx, userId));
    }

    /** The acting user's view of a workspace they belong to; NotFound for anyone else. */
    public WorkspaceAccess accessBySlug(String userId, String slug) {
        return db.read(tx -> {
            Workspace w = workspaces.findBySlug(tx, slug).orElseThrow(IdentityService::workspaceNotFound);
            return new WorkspaceAccess(w, requireMember(tx, userId, w.id()));
        });
    }

    /** The user's membership in a workspace, if any: for the consent step and token claims. */
    public Optional<WorkspaceAccess> access(String userId, String workspaceId) {
        return db.read(tx -> access(tx, userId, workspaceId));
    }

    /** Inside the caller's transaction: a second connection from within one could exhaust the pool. */
    public Optional<WorkspaceAccess> access(Tx tx, String userId, String workspaceId) {
        return workspaces.findById(tx, workspaceId)
                .flatMap(w -> memberships.find(tx, workspaceId, userId).map(m -> new WorkspaceAccess(w, m)));
    }

    public List<Member> membersOf(String actingUserId, String workspaceId) {
        return db.read(tx -> {
            requireMember(tx, actingUserId, workspaceId);
            return memberships.membersOf(tx, workspaceId);
        });
    }

    public Optional<User> findUser(String id) {
        return db.read(tx -> users.findById(tx, id));
    }

    public Optional<User> findByEmail(String email) {
        return email == null ? Optional.empty() : db.read(tx -> users.findByEmail(tx, email.strip()));
    }

    public Optional<Workspace> findWorkspace(String id) {
        return db.read(tx -> workspaces.findById(tx, id));
    }

    // --- Operator acts (the CLI, /manage and imports): no acting user, so no membership check.

    /** A user to be created or updated: validated, password already hashed (slow, so outside any transaction). */
    public record PreparedUser(String email, String name, String passwordHash) {
        @Override
        public String toString() {
            return "PreparedUser[" + email + "]";
        }
    }

    /** What an upsert did: created the thing, or updated the one that was there. */
    public record Saved<T>(T value, boolean created) {}

    public PreparedUser prepareUser(String name, String email, String password) {
        String cleanName = Fields.name("name", name);
        String cleanEmail = Fields.email(email);
        Passwords.checkPolicy("password", password);
        return new PreparedUser(cleanEmail, cleanName, passwords.hash(password));
    }

    /** The rules {@link #saveWorkspace} applies, for validating a whole setup file before applying it. */
    public static void checkWorkspace(String slug, String name) {
        Fields.slug(slug);
        Fields.name("name", name);
    }

    /** A user without a workspace, for operators who then add them to workspaces. */
    public User createUser(PreparedUser prepared) {
        return db.inTransaction(tx -> {
            if (users.findByEmail(tx, prepared.email()).isPresent()) throw emailTaken();
            return insertUser(tx, prepared);
        });
    }

    /** Creates the user, or sets the name and password of the one with that email. */
    public Saved<User> saveUser(Tx tx, PreparedUser prepared) {
        Optional<User> existing = users.findByEmail(tx, prepared.email());
        if (existing.isEmpty()) return new Saved<>(insertUser(tx, prepared), true);
        User user = existing.get();
        users.changeName(tx, user.id(), prepared.name());
        users.changePassword(tx, user.id(), prepared.passwordHash());
        return new Saved<>(users.findById(tx, user.id()).orElseThrow(), false);
    }

    /**
     * Creates the workspace with {@code adminUserId} as its admin, or renames the one with that
     * slug (its members are left to {@link #setMember}).
     */
    public Saved<Workspace> saveWorkspace(Tx tx, String slug, String name, String adminUserId) {
        String cleanSlug = Fields.slug(slug);
        String cleanName = Fields.name("name", name);
        Optional<Workspace> existing = workspaces.findBySlug(tx, cleanSlug);
        if (existing.isEmpty()) return new Saved<>(insertWorkspace(tx, adminUserId, cleanName, cleanSlug, Optional.empty(), now()), true);
        workspaces.rename(tx, existing.get().id(), cleanName);
        return new Saved<>(workspaces.findById(tx, existing.get().id()).orElseThrow(), false);
    }

    /** Adds the user with the role, or changes their role; keeps the one-admin rule. */
    public void setMember(Tx tx, String workspaceId, String userId, Role role) {
        if (memberships.find(tx, workspaceId, userId).isEmpty()) {
            memberships.insert(tx, new Membership(ids.next(), workspaceId, userId, role), now());
        } else {
            applyRole(tx, workspaceId, userId, role);
        }
    }

    public Member addMemberAsOperator(String workspaceId, String email, Role role) {
        String cleanEmail = Fields.email(email);
        return db.inTransaction(tx -> {
            lockExisting(tx, workspaceId);
            return insertMember(tx, workspaceId, cleanEmail, role);
        });
    }

    public void changeRoleAsOperator(String workspaceId, String targetUserId, Role role) {
        db.inTransaction(tx -> {
            lockExisting(tx, workspaceId);
            return applyRole(tx, workspaceId, targetUserId, role);
        });
    }

    public void removeMemberAsOperator(String workspaceId, String targetUserId) {
        db.inTransaction(tx -> {
            lockExisting(tx, workspaceId);
            return removeMembership(tx, workspaceId, targetUserId);
        });
    }

    public List<Member> members(String workspaceId) {
        return db.read(tx -> memberships.membersOf(tx, workspaceId));
    }

    /** For other capabilities guarding workspace resources (API keys): 404 for non-members, 403 for members. */
    public void checkAdmin(Tx tx, String userId, String workspaceId) {
        requireAdmin(tx, userId, workspaceId);
    }

    /** Whether anyone has an account yet: the demo seed runs only on an empty database. */
    public boolean hasUsers(Tx tx) {
        return users.any(tx);
    }

    public Optional<User> findByEmail(Tx tx, String email) {
        return email == null ? Optional.empty() : users.findByEmail(tx, email.strip());
    }

    public Optional<User> findUser(Tx tx, String id) {
        return users.findById(tx, id);
    }

    public Optional<Workspace> findWorkspace(Tx tx, String id) {
        return workspaces.findById(tx, id);
    }

    public Optional<Workspace> findWorkspaceBySlug(String slug) {
        return db.read(tx -> findWorkspaceBySlug(tx, slug));
    }

    public Optional<Workspace> findWorkspaceBySlug(Tx tx, String slug) {
        return slug == null ? Optional.empty() : workspaces.findBySlug(tx, slug.strip());
    }

    private User insertUser(Tx tx, PreparedUser prepared) {
        User user = new User(ids.next(), prepared.email(), prepared.name(), false, now());
        try {
            users.insert(tx, user, prepared.passwordHash());
        } catch (UniqueViolation e) {
            throw emailTaken();
        }
        return user;
    }

    private void lockExisting(Tx tx, String workspaceId) {
        if (!workspaces.lock(tx, workspaceId)) throw workspaceNotFound();
    }

    private Member insertMember(Tx tx, String workspaceId, String cleanEmail, Role role) {
        User user = users.findByEmail(tx, cleanEmail)
                .orElseThrow(() -> OAuthException.validation("email", "No account uses that email; they must sign up first"));
        if (memberships.find(tx, workspaceId, user.id()).isPresent()) {
            throw OAuthException.validation("email", "That person is already a member");
        }
        Membership m = new Membership(ids.next(), workspaceId, user.id(), role);
        memberships.insert(tx, m, now());
        return new Member(m, user);
    }

    private boolean applyRole(Tx tx, String workspaceId, String targetUserId, Role role) {
        Membership target = memberships.find(tx, workspaceId, targetUserId)
                .orElseThrow(() -> OAuthException.notFound("Member not found"));
        if (target.role() == Role.ADMIN && role != Role.ADMIN) requireAnotherAdmin(tx, workspaceId);
        return memberships.changeRole(tx, target.id(), role);
    }

    private boolean removeMembership(Tx tx, String workspaceId, String targetUserId) {
        Membership target = memberships.find(tx, workspaceId, targetUserId)
                .orElseThrow(() -> OAuthException.notFound("Member not found"));
        if (target.role() == Role.ADMIN) requireAnotherAdmin(tx, workspaceId);
        return memberships.remove(tx, target.id());
    }

    /** Storage keeps milliseconds; records returned now must equal those read back later. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private Workspace insertWorkspace(Tx tx, String userId, String name, String slug, Optional<String> logo, Instant now) {
        Workspace w = new Workspace(ids.next(), slug, name, logo, now);
        try {
            workspaces.insert(tx, w);
        } catch (UniqueViolation e) {
            throw slugTaken();
        }
        memberships.insert(tx, new Membership(ids.next(), w.id(), userId, Role.ADMIN), now);
        return w;
    }

    /** The base slug, or the base with the first free numeric suffix. */
    private String freeSlug(Tx tx, String base) {
        if (!workspaces.slugTaken(tx, base)) return base;
        for (int n = 2; ; n++) {
            String candidate = base + "-" + n;
            if (!workspaces.slugTaken(tx, candidate)) return candidate;
        }
    }

    private Membership requireMember(Tx tx, String userId, String workspaceId) {
        return memberships.find(tx, workspaceId, userId).orElseThrow(IdentityService::workspaceNotFound);
    }

    private void requireAdmin(Tx tx, String userId, String workspaceId) {
        if (!workspaces.lock(tx, workspaceId)) throw workspaceNotFound();
        if (requireMember(tx, userId, workspaceId).role() != Role.ADMIN) {
            throw new OAuthException(new OAuthError.AccessDenied("Only workspace admins can do this"));
        }
    }

    private void requireAnotherAdmin(Tx tx, String workspaceId) {
        workspaces.lock(tx, workspaceId);
        if (memberships.countAdmins(tx, workspaceId) <= 1) {
            throw new OAuthException(new OAuthError.Conflict("A workspace needs at least one admin"));
        }
    }

    private static OAuthException workspaceNotFound() {
        return OAuthException.notFound("Workspace not found");
    }

    private static OAuthException emailTaken() {
        return OAuthException.validation("email", "An account with this email already exists");
    }

    private static OAuthException slugTaken() {
        return OAuthException.validation("slug", "That slug is taken");
    }
}
