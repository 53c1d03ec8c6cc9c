package dev.portcullis.authorize;

import dev.portcullis.support.RepositoryContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.support.Db;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link AuthorizationRequestRepository}'s promises on both databases: one browser, one answer, gone when expired. */
@ParameterizedClass
@EnumSource(Db.class)
class AuthorizationRequestRepositoryContractTest extends RepositoryContract {
    static final SecretHash ADA = SecretHash.of("ada's browser");
    static final SecretHash MALLORY = SecretHash.of("mallory's browser");

    static final AuthorizationRequestRepository requests = new SqlAuthorizationRequestRepository();
    static String app;
    static int handles;

    @BeforeParameterizedClassInvocation
    static void seed(Db db) {
        app = "app-requests";
        database.inTransaction(tx -> tx.update("INSERT INTO apps (id, name, client_type, token_endpoint_auth_method, grant_types, "
                + "scopes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", app, app, "public", "none", "authorization_code", "", NOW));
    }

    static SecretHash save(Optional<SecretHash> browser, Instant expiresAt) {
        SecretHash handle = SecretHash.of("handle " + (++handles));
        var row = new AuthorizationRequestRepository.Stored(handle, app, "{\"clientId\":\"x\"}", NOW, expiresAt, browser);
        database.inTransaction(tx -> {
            requests.insert(tx, row, NOW);
            return null;
        });
        return handle;
    }

    static Optional<AuthorizationRequestRepository.Stored> claim(SecretHash handle, SecretHash browser, Instant now) {
        return database.inTransaction(tx -> requests.claim(tx, handle, browser, now));
    }

    @Test
    void aBoundRequestOpensOnlyForItsBrowser() {
        SecretHash handle = save(Optional.of(ADA), NOW.plusSeconds(600));
        var found = claim(handle, ADA, NOW).orElseThrow();
        assertEquals("{\"clientId\":\"x\"}", found.request());
        assertEquals(NOW, found.createdAt());
        assertEquals(Optional.of(ADA), found.browser());
        assertTrue(claim(handle, MALLORY, NOW).isEmpty(), "another browser gets nothing");
        assertTrue(claim(handle, ADA, NOW).isPresent(), "and takes nothing from its owner");
    }

    @Test
    void anUnboundRequestBelongsToTheFirstBrowserThatClaimsIt() {
        SecretHash handle = save(Optional.empty(), NOW.plusSeconds(600));
        assertEquals(Optional.of(app), database.read(tx -> requests.appOf(tx, handle, NOW)), "its app is public, and reading it claims nothing");
        assertTrue(claim(handle, ADA, NOW).isPresent());
        assertTrue(claim(handle, MALLORY, NOW).isEmpty(), "already claimed");
        assertTrue(claim(handle, ADA, NOW).isPresent());
    }

    @Test
    void anExpiredRequestIsGoneAndTheNextSaveSweepsIt() {
        SecretHash handle = save(Optional.of(ADA), NOW.plus(Duration.ofMinutes(10)));
        Instant later = NOW.plus(Duration.ofMinutes(11));
        assertTrue(claim(handle, ADA, later).isEmpty());
        assertTrue(database.read(tx -> requests.appOf(tx, handle, later)).isEmpty());
        database.inTransaction(tx -> {
            requests.insert(tx, new AuthorizationRequestRepository.Stored(SecretHash.of("sweeper " + (++handles)), app, "{}", later,
                    later.plusSeconds(600), Optional.empty()), later);
            return null;
        });
        assertEquals(0L, (long) database.read(tx -> tx.count("SELECT count(*) AS n FROM authorization_requests WHERE handle_hash = ?",
                handle.hex())), "swept");
    }

    @Test
    void consumeAnswersTrueExactlyOnce() {
        SecretHash handle = save(Optional.of(ADA), NOW.plusSeconds(600));
        boolean first = database.inTransaction(tx -> requests.consume(tx, handle));
        boolean second = database.inTransaction(tx -> requests.consume(tx, handle));
        assertTrue(first);
        assertFalse(second, "a second answer finds nothing");
        assertTrue(claim(handle, ADA, NOW).isEmpty());
    }
}
