package dev.portcullis.connections;

import dev.portcullis.support.RepositoryContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.identity.Membership;
import dev.portcullis.identity.Role;
import dev.portcullis.identity.User;
import dev.portcullis.identity.Workspace;
import dev.portcullis.storage.UniqueViolation;
import dev.portcullis.support.Db;
import dev.portcullis.support.Seed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link ConnectionRepository}'s promises on both databases: one connection per user, app and
 * workspace, found by its grants too, listed in a stable order, and taking its tokens when deleted.
 */
@ParameterizedClass
@EnumSource(Db.class)
class ConnectionRepositoryContractTest extends RepositoryContract {
    static final ConnectionRepository connections = new SqlConnectionRepository();

    /** A user who is a member of a workspace: who may connect an app there. */
    record Seat(User user, Workspace workspace, Membership membership) {}

    static Seat seat(String userName, String workspaceName) {
        return database.inTransaction(tx -> {
            User user = Seed.user(tx, userName, NOW);
            Workspace workspace = Seed.workspace(tx, workspaceName, NOW);
            return new Seat(user, workspace, Seed.member(tx, workspace, user, Role.ADMIN, NOW));
        });
    }

    /** {@code user} joins the workspace of {@code seat}. */
    static Seat join(Seat seat, String userName) {
        return database.inTransaction(tx -> {
            User user = Seed.user(tx, userName, NOW);
            return new Seat(user, seat.workspace(), Seed.member(tx, seat.workspace(), user, Role.MEMBER, NOW));
        });
    }

    static String app(String name) {
        return database.inTransaction(tx -> Seed.app(tx, name, NOW));
    }

    static Connection connect(Seat seat, String app, List<String> scopes, Instant at) {
        Connection c = new Connection("connection-" + Seed.next(), seat.user().id(), app, seat.workspace().id(),
                seat.membership().id(), scopes, at, at);
        database.inTransaction(tx -> {
            connections.insert(tx, c);
            return null;
        });
        return c;
    }

    static String grant(Connection c) {
        String id = "grant-" + Seed.next();
        database.inTransaction(tx -> tx.update("INSERT INTO grants (id, app_id, connection_id, scopes, auth_time, created_at, "
                + "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)", id, c.appId(), c.id(), "read", NOW, NOW, NOW.plus(Duration.ofDays(30))));
        return id;
    }

    static long count(String table, String column, String value) {
        return database.read(tx -> tx.count("SELECT count(*) AS n FROM " + table + " WHERE " + column + " = ?", value));
    }

    @Test
    void anInsertedConnectionIsFoundByUserAppAndWorkspaceAndById() {
        Seat ada = seat("Ada", "Analytical");
        String app = app("Notes");
        Connection c = connect(ada, app, List.of("tasks:read", "openid", "email"), NOW);
        assertEquals(Optional.of(c), database.read(tx -> connections.find(tx, ada.user().id(), app, ada.workspace().id())),
                "every field back, scopes in their order");
        assertEquals(Optional.of(c), database.read(tx -> connections.findById(tx, c.id())));
        assertTrue(database.read(tx -> connections.find(tx, ada.user().id(), app("Other"), ada.workspace().id())).isEmpty());
        assertTrue(database.read(tx -> connections.find(tx, ada.user().id(), app, seat("Ada", "Elsewhere").workspace().id()))
                .isEmpty());
        assertTrue(database.read(tx -> connections.findById(tx, "no-such-connection")).isEmpty());
    }

    @Test
    void noScopesAtAllReadBackAsAnEmptyList() {
        Connection c = connect(seat("Ada", "Analytical"), app("Notes"), List.of(), NOW);
        assertEquals(List.of(), database.read(tx -> connections.findById(tx, c.id())).orElseThrow().scopes());
    }

    @Test
    void aSecondConnectionOfTheSameUserAppAndWorkspaceIsAUniqueViolationAndChangesNothing() {
        Seat ada = seat("Ada", "Analytical");
        String app = app("Notes");
        Connection first = connect(ada, app, List.of("tasks:read"), NOW);
        assertThrows(UniqueViolation.class, () -> connect(ada, app, List.of("tasks:write"), NOW.plusSeconds(1)));
        assertEquals(1L, count("connections", "user_id", ada.user().id()));
        assertEquals(Optional.of(first), database.read(tx -> connections.find(tx, ada.user().id(), app, ada.workspace().id())));
    }

    @Test
    void theSameUserAndAppMayConnectInAnotherWorkspace() {
        Seat ada = seat("Ada", "Analytical");
        String app = app("Notes");
        connect(ada, app, List.of("tasks:read"), NOW);
        Workspace second = database.inTransaction(tx -> Seed.workspace(tx, "Difference", NOW));
        Membership there = database.inTransaction(tx -> Seed.member(tx, second, ada.user(), Role.MEMBER, NOW));
        connect(new Seat(ada.user(), second, there), app, List.of("tasks:write"), NOW);
        assertEquals(2L, count("connections", "user_id", ada.user().id()));
    }

    @Test
    void updateScopesRewritesScopesAndUpdatedAtOfThatConnectionOnly() {
        Seat ada = seat("Ada", "Analytical");
        Connection mine = connect(ada, app("Notes"), List.of("tasks:read"), NOW);
        Connection other = connect(ada, app("Calendar"), List.of("tasks:read"), NOW);
        Instant later = NOW.plus(Duration.ofHours(1));
        database.inTransaction(tx -> {
            connections.updateScopes(tx, mine.id(), List.of("tasks:read", "tasks:write"), later);
            return null;
        });
        Connection updated = database.read(tx -> connections.findById(tx, mine.id())).orElseThrow();
        assertEquals(List.of("tasks:read", "tasks:write"), updated.scopes());
        assertEquals(later, updated.updatedAt());
        assertEquals(NOW, updated.createdAt(), "created stays");
        assertEquals(Optional.of(other), database.read(tx -> connections.findById(tx, other.id())), "the other is untouched");
    }

    @Test
    void deleteAnswersTrueOnceAndTakesTheConnectionsGrantsCodesAndTokens() {
        Seat ada = seat("Ada", "Analytical");
        Connection doomed = connect(ada, app("Notes"), List.of("tasks:read"), NOW);
        Connection kept = connect(ada, app("Calendar"), List.of("tasks:read"), NOW);
        String doomedGrant = grant(doomed);
        String keptGrant = grant(kept);
        database.inTransaction(tx -> {
            tx.update("INSERT INTO access_tokens (token_hash, app_id, grant_id, scopes, format, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    "at-" + doomedGrant, doomed.appId(), doomedGrant, "read", "opaque", NOW);
            tx.update("INSERT INTO refresh_tokens (token_hash, grant_id, scopes, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                    "rt-" + doomedGrant, doomedGrant, "read", NOW, NOW.plusSeconds(600));
            return tx.update("INSERT INTO authorization_codes (code_hash, app_id, connection_id, redirect_uri, scopes, auth_time, "
                    + "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "code-" + doomedGrant, doomed.appId(), doomed.id(),
                    "https://notes.example/cb", "read", NOW, NOW, NOW.plusSeconds(60));
        });

        boolean first = database.inTransaction(tx -> connections.delete(tx, doomed.id()));
        boolean second = database.inTransaction(tx -> connections.delete(tx, doomed.id()));
        assertTrue(first);
        assertFalse(second, "gone already");
        assertTrue(database.read(tx -> connections.findById(tx, doomed.id())).isEmpty());
        assertEquals(0L, count("grants", "id", doomedGrant));
        assertEquals(0L, count("access_tokens", "grant_id", doomedGrant));
        assertEquals(0L, count("refresh_tokens", "grant_id", doomedGrant));
        assertEquals(0L, count("authorization_codes", "connection_id", doomed.id()));
        assertEquals(1L, count("grants", "id", keptGrant), "another connection's grant stays");
    }

    @Test
    void findByGrantFollowsEachGrantToItsOwnConnection() {
        Seat ada = seat("Ada", "Analytical");
        Connection notes = connect(ada, app("Notes"), List.of("tasks:read"), NOW);
        Connection calendar = connect(join(ada, "Bob"), app("Calendar"), List.of("openid"), NOW);
        String notesGrant = grant(notes);
        String calendarGrant = grant(calendar);
        assertEquals(Optional.of(notes), database.read(tx -> connections.findByGrant(tx, notesGrant)));
        assertEquals(Optional.of(calendar), database.read(tx -> connections.findByGrant(tx, calendarGrant)));
        assertTrue(database.read(tx -> connections.findByGrant(tx, "no-such-grant")).isEmpty());
        assertTrue(database.read(tx -> connections.findByGrant(tx, notes.id())).isEmpty(), "a connection id is no grant id");
    }

    @Test
    void listForUserShowsOnlyTheirConnectionsByWorkspaceNameThenAppName() {
        Seat inBeta = seat("Ada Lovelace", "Beta");
        Workspace alphaWorkspace = database.inTransaction(tx -> Seed.workspace(tx, "Alpha", NOW));
        Membership inAlphaMembership = database.inTransaction(tx -> Seed.member(tx, alphaWorkspace, inBeta.user(), Role.MEMBER, NOW));
        Seat inAlpha = new Seat(inBeta.user(), alphaWorkspace, inAlphaMembership);
        String zeta = app("Zeta");
        String alpha = app("Alpha");
        Instant later = NOW.plusSeconds(5);
        connect(inBeta, alpha, List.of("openid"), NOW);
        connect(inAlpha, zeta, List.of("tasks:read", "tasks:write"), later);
        connect(inAlpha, alpha, List.of("openid"), NOW);
        connect(join(inAlpha, "Bob"), alpha, List.of("openid"), NOW);

        List<ConnectionView> listed = database.read(tx -> connections.listForUser(tx, inBeta.user().id()));
        assertEquals(List.of("Alpha/Alpha", "Alpha/Zeta", "Beta/Alpha"),
                listed.stream().map(v -> v.workspaceName() + "/" + v.appName()).toList(), "only Ada's, workspace then app");
        ConnectionView zetaView = listed.get(1);
        assertEquals(zeta, zetaView.appId());
        assertEquals(alphaWorkspace.id(), zetaView.workspaceId());
        assertEquals("Ada Lovelace", zetaView.userName());
        assertEquals(inBeta.user().email(), zetaView.userEmail());
        assertEquals(List.of("tasks:read", "tasks:write"), zetaView.scopes());
        assertEquals(later, zetaView.connectedAt());
        assertEquals(List.of(), database.read(tx -> connections.listForUser(tx, "no-such-user")));
    }

    @Test
    void listForWorkspaceShowsEveryMembersConnectionsByAppNameThenUserName() {
        Seat zoe = seat("Zoe", "Analytical");
        Seat bob = join(zoe, "Bob");
        String notes = app("Notes");
        String calendar = app("Calendar");
        connect(zoe, notes, List.of("openid"), NOW);
        connect(bob, notes, List.of("openid"), NOW);
        connect(zoe, calendar, List.of("openid"), NOW);
        connect(seat("Eve", "Elsewhere"), notes, List.of("openid"), NOW);

        List<ConnectionView> listed = database.read(tx -> connections.listForWorkspace(tx, zoe.workspace().id()));
        assertEquals(List.of("Calendar/Zoe", "Notes/Bob", "Notes/Zoe"),
                listed.stream().map(v -> v.appName() + "/" + v.userName()).toList(), "this workspace only, app then user");
        assertTrue(listed.stream().allMatch(v -> v.workspaceName().equals("Analytical")));
    }
}
