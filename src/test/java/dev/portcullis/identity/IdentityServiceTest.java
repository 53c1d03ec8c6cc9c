package dev.portcullis.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.error.Problem;
import dev.portcullis.support.Db;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The identity rules on both databases. */
class IdentityServiceTest {
    private static final String PASSWORD = "correct horse battery";

    @ParameterizedTest
    @EnumSource(Db.class)
    void signUpCreatesUserAndFirstWorkspaceWithThemAsAdmin(Db db) {
        try (var f = new IdentityFixture(db)) {
            var signedUp = f.identity.signUp("  Ada Lovelace ", "Ada@Example.com", PASSWORD);
            assertEquals("Ada Lovelace", signedUp.user().name());
            assertEquals("Ada@Example.com", signedUp.user().email());
            assertFalse(signedUp.user().emailVerified());
            assertEquals("Ada Lovelace's workspace", signedUp.workspace().name());
            assertEquals("ada-lovelace", signedUp.workspace().slug());
            List<WorkspaceAccess> mine = f.identity.workspacesOf(signedUp.user().id());
            assertEquals(1, mine.size());
            assertEquals(Role.ADMIN, mine.getFirst().role());
            assertEquals(signedUp.workspace(), mine.getFirst().workspace());
            String stored = f.db.read(tx -> tx.queryOne("SELECT password_hash FROM users", r -> r.text("password_hash"))).orElseThrow();
            assertTrue(stored.startsWith("$argon2id$"));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void signUpWhenEmailTakenInAnyCaseThenValidationErrorAndNothingCreated(Db db) {
        try (var f = new IdentityFixture(db)) {
            f.identity.signUp("Ada", "ada@example.com", PASSWORD);
            assertEquals("email", validationField(() -> f.identity.signUp("Other", "ADA@example.COM", PASSWORD)));
            assertEquals(1L, f.count("SELECT count(*) AS n FROM users"));
            assertEquals(1L, f.count("SELECT count(*) AS n FROM workspaces"));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void signUpRefusesBadInputByField(Db db) {
        try (var f = new IdentityFixture(db)) {
            assertEquals("name", validationField(() -> f.identity.signUp(" ", "a@example.com", PASSWORD)));
            assertEquals("email", validationField(() -> f.identity.signUp("A", "not-an-email", PASSWORD)));
            assertEquals("password", validationField(() -> f.identity.signUp("A", "a@example.com", "short")));
            assertEquals(0L, f.count("SELECT count(*) AS n FROM users"));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void sameNameSignUpsGetDistinctSlugs(Db db) {
        try (var f = new IdentityFixture(db)) {
            assertEquals("ada", f.identity.signUp("Ada", "a1@example.com", PASSWORD).workspace().slug());
            assertEquals("ada-2", f.identity.signUp("Ada", "a2@example.com", PASSWORD).workspace().slug());
            assertEquals("workspace", f.identity.signUp("李", "a3@example.com", PASSWORD).workspace().slug());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void authenticateAcceptsRightPasswordWithEmailInAnyCase(Db db) {
        try (var f = new IdentityFixture(db)) {
            var user = f.identity.signUp("Ada", "ada@example.com", PASSWORD).user();
            assertEquals(user, f.identity.authenticate(" ADA@example.com ", PASSWORD).orElseThrow());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void authenticateWhenWrongPasswordOrUnknownAccountThenEmptyInComparableTime(Db db) {
        try (var f = new IdentityFixture(db)) {
            f.identity.signUp("Ada", "ada@example.com", PASSWORD);
            assertTrue(f.identity.authenticate("ada@example.com", "wrong password").isEmpty());
            assertTrue(f.identity.authenticate("nobody@example.com", PASSWORD).isEmpty());
            assertTrue(f.identity.authenticate("", PASSWORD).isEmpty());
            long known = fastest(() -> f.identity.authenticate("ada@example.com", "wrong password"));
            long unknown = fastest(() -> f.identity.authenticate("nobody@example.com", "wrong password"));
            // Both paths run one Argon2id; a skipped hash would be ~1000x faster.
            assertTrue(unknown * 3 > known, "unknown " + unknown + "ns vs known " + known + "ns");
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void createWorkspaceWithTakenOrInvalidSlugThenValidationError(Db db) {
        try (var f = new IdentityFixture(db)) {
            var ada = f.identity.signUp("Ada", "ada@example.com", PASSWORD).user();
            var acme = f.identity.createWorkspace(ada.id(), "Acme", "acme", "https://acme.example/logo.png");
            assertEquals("https://acme.example/logo.png", acme.logoUrl().orElseThrow());
            assertEquals("slug", validationField(() -> f.identity.createWorkspace(ada.id(), "Acme 2", "acme", "")));
            for (String bad : List.of("a", "Acme", "-acme", "acme-", "ac me", "a".repeat(49), "acme/x")) {
                assertEquals("slug", validationField(() -> f.identity.createWorkspace(ada.id(), "X", bad, "")), bad);
            }
            assertEquals("logo_url", validationField(() -> f.identity.createWorkspace(ada.id(), "X", "x1", "javascript:alert(1)")));
            assertEquals("logo_url", validationField(() -> f.identity.createWorkspace(ada.id(), "X", "x1", "http://insecure.example/l.png")));
            assertEquals("a".repeat(48), f.identity.createWorkspace(ada.id(), "Long", "a".repeat(48), null).slug());
            assertEquals(3, f.identity.workspacesOf(ada.id()).size());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void adminAddsChangesAndRemovesMembers(Db db) {
        try (var f = new IdentityFixture(db)) {
            var ada = f.identity.signUp("Ada", "ada@example.com", PASSWORD);
            var bob = f.identity.signUp("Bob", "bob@example.com", PASSWORD).user();
            String ws = ada.workspace().id();
            Member added = f.identity.addMember(ada.user().id(), ws, "BOB@example.com", Role.MEMBER);
            assertEquals(bob, added.user());
            assertEquals(List.of(Role.ADMIN, Role.MEMBER), f.identity.membersOf(bob.id(), ws).stream().map(Member::role).toList());
            f.identity.changeRole(ada.user().id(), ws, bob.id(), Role.ADMIN);
            assertEquals(Role.ADMIN, f.identity.access(bob.id(), ws).orElseThrow().role());
            f.identity.removeMember(ada.user().id(), ws, bob.id());
            assertTrue(f.identity.access(bob.id(), ws).isEmpty());
            assertEquals(1, f.identity.membersOf(ada.user().id(), ws).size());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void addMemberWhenUnknownEmailOrAlreadyMemberThenValidationError(Db db) {
        try (var f = new IdentityFixture(db)) {
            var ada = f.identity.signUp("Ada", "ada@example.com", PASSWORD);
            String ws = ada.workspace().id();
            assertEquals("email", validationField(() -> f.identity.addMember(ada.user().id(), ws, "ghost@example.com", Role.MEMBER)));
            assertEquals("email", validationField(() -> f.identity.addMember(ada.user().id(), ws, "ada@example.com", Role.MEMBER)));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void memberActingAsAdminIsDeniedAndNothingChanges(Db db) {
        try (var f = new IdentityFixture(db)) {
            var ada = f.identity.signUp("Ada", "ada@example.com", PASSWORD);
            var bob = f.identity.signUp("Bob", "bob@example.com", PASSWORD).user();
            f.identity.signUp("Cy", "cy@example.com", PASSWORD);
            String ws = ada.workspace().id();
            f.identity.addMember(ada.user().id(), ws, "bob@example.com", Role.MEMBER);
            assertInstanceOf(OAuthError.AccessDenied.class, error(() -> f.identity.addMember(bob.id(), ws, "cy@example.com", Role.MEMBER)));
            assertInstanceOf(OAuthError.AccessDenied.class, error(() -> f.identity.changeRole(bob.id(), ws, bob.id(), Role.ADMIN)));
            assertInstanceOf(OAuthError.AccessDenied.class, error(() -> f.identity.removeMember(bob.id(), ws, ada.user().id())));
            assertEquals(List.of(Role.ADMIN, Role.MEMBER), f.identity.membersOf(ada.user().id(), ws).stream().map(Member::role).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void nonMemberTouchingAWorkspaceGetsNotFound(Db db) {
        try (var f = new IdentityFixture(db)) {
            var ada = f.identity.signUp("Ada", "ada@example.com", PASSWORD);
            var eve = f.identity.signUp("Eve", "eve@example.com", PASSWORD).user();
            String ws = ada.workspace().id();
            assertInstanceOf(Failure.NotFound.class, error(() -> f.identity.membersOf(eve.id(), ws)));
            assertInstanceOf(Failure.NotFound.class, error(() -> f.identity.accessBySlug(eve.id(), ada.workspace().slug())));
            assertInstanceOf(Failure.NotFound.class, error(() -> f.identity.addMember(eve.id(), ws, "eve@example.com", Role.ADMIN)));
            assertInstanceOf(Failure.NotFound.class, error(() -> f.identity.changeRole(eve.id(), ws, ada.user().id(), Role.MEMBER)));
            assertInstanceOf(Failure.NotFound.class, error(() -> f.identity.removeMember(eve.id(), ws, ada.user().id())));
            assertInstanceOf(Failure.NotFound.class, error(() -> f.identity.accessBySlug(eve.id(), "no-such-workspace")));
            assertEquals(1, f.identity.membersOf(ada.user().id(), ws).size());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void lastAdminCannotBeDemotedOrRemoved(Db db) {
        try (var f = new IdentityFixture(db)) {
            var ada = f.identity.signUp("Ada", "ada@example.com", PASSWORD);
            var bob = f.identity.signUp("Bob", "bob@example.com", PASSWORD).user();
            String ws = ada.workspace().id();
            String adaId = ada.user().id();
            f.identity.addMember(adaId, ws, "bob@example.com", Role.MEMBER);
            assertInstanceOf(Failure.Conflict.class, error(() -> f.identity.changeRole(adaId, ws, adaId, Role.MEMBER)));
            assertInstanceOf(Failure.Conflict.class, error(() -> f.identity.removeMember(adaId, ws, adaId)));
            assertEquals(Role.ADMIN, f.identity.access(adaId, ws).orElseThrow().role());
            // A member may leave on their own.
            f.identity.removeMember(bob.id(), ws, bob.id());
            assertTrue(f.identity.access(bob.id(), ws).isEmpty());
        }
    }

    private static long fastest(Runnable r) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            r.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }

    static Problem error(Runnable r) {
        return assertThrows(OAuthException.class, r::run).error();
    }

    static String validationField(Supplier<?> s) {
        return ((Failure.Validation) error(s::get)).field();
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void loginWithAHashOfOlderArgon2ParametersStoresOneWithTodaysAndStillLogsIn(Db db) {
        try (var f = new IdentityFixture(db)) {
            var ada = f.identity.signUp("Ada", "ada@example.com", PASSWORD).user();
            // As an older release stored it (made with password4j, the library it used then): Argon2id
            // with a quarter of today's memory and one pass, a zero salt.
            String legacy = "$argon2id$v=19$m=4096,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$E1az14ad2HqbBItwQhV/C6dw1efUq2U3TUwpjLyJBa4";
            assertTrue(legacy.startsWith("$argon2id$v=19$m=4096,t=1,p=1$"), legacy);
            f.db.inTransaction(tx -> tx.update("UPDATE users SET password_hash = ? WHERE id = ?", legacy, ada.id()));
            assertTrue(IdentityFixture.PASSWORDS.needsRehash(legacy));

            assertTrue(f.identity.authenticate("ada@example.com", "wrong password here").isEmpty());
            assertEquals(legacy, storedHash(f), "a failed login changes nothing");
            assertEquals(ada.id(), f.identity.authenticate("ada@example.com", PASSWORD).orElseThrow().id());
            String upgraded = storedHash(f);
            assertTrue(upgraded.startsWith("$argon2id$v=19$m=7168,t=5,p=1$"), upgraded);
            assertFalse(IdentityFixture.PASSWORDS.needsRehash(upgraded));
            assertEquals(ada.id(), f.identity.authenticate("ada@example.com", PASSWORD).orElseThrow().id());
            assertEquals(upgraded, storedHash(f), "a current hash is left as it is");
        }
    }

    private static String storedHash(IdentityFixture f) {
        return f.db.read(tx -> tx.queryOne("SELECT password_hash FROM users", r -> r.text("password_hash"))).orElseThrow();
    }
}
