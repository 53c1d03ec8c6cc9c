package dev.portcullis.par;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.support.Db;
import dev.portcullis.support.RepositoryContract;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link PushedRequestRepository}'s promises on both databases: redeemed once, by its own client, while alive. */
@ParameterizedClass
@EnumSource(Db.class)
class PushedRequestRepositoryContractTest extends RepositoryContract {
    static final PushedRequestRepository requests = new SqlPushedRequestRepository();
    static int apps;
    static int uris;

    static String app() {
        String id = "app-" + (++apps);
        database.inTransaction(tx -> tx.update("INSERT INTO apps (id, name, client_type, token_endpoint_auth_method, grant_types, "
                + "scopes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", id, id, "public", "none", "authorization_code", "", NOW));
        return id;
    }

    static SecretHash push(String app, Instant expiresAt) {
        SecretHash uri = SecretHash.of("urn:ietf:params:oauth:request_uri:" + (++uris));
        database.inTransaction(tx -> {
            requests.insert(tx, new PushedRequestRepository.Pushed(uri, app, "{\"scope\":[\"openid\"]}", NOW, expiresAt), NOW);
            return null;
        });
        return uri;
    }

    static Optional<String> redeem(SecretHash uri, String app, Instant now) {
        return database.inTransaction(tx -> requests.redeem(tx, uri, app, now));
    }

    @Test
    void redeemAnswersTheParametersOnceThenNothing() {
        String app = app();
        SecretHash uri = push(app, NOW.plusSeconds(60));
        assertEquals(Optional.of("{\"scope\":[\"openid\"]}"), redeem(uri, app, NOW.plusSeconds(1)));
        assertEquals(Optional.empty(), redeem(uri, app, NOW.plusSeconds(2)));
    }

    @Test
    void redeemByAnotherClientAnswersNothingAndLeavesTheRequest() {
        String owner = app();
        SecretHash uri = push(owner, NOW.plusSeconds(60));
        assertEquals(Optional.empty(), redeem(uri, app(), NOW));
        assertTrue(redeem(uri, owner, NOW).isPresent());
    }

    @Test
    void redeemAfterExpiryAnswersNothing() {
        String app = app();
        SecretHash uri = push(app, NOW.plusSeconds(60));
        assertEquals(Optional.empty(), redeem(uri, app, NOW.plusSeconds(60)));
    }

    @Test
    void insertDeletesExpiredRequestsAndDeletingTheAppDeletesItsRequests() {
        String app = app();
        push(app, NOW.minusSeconds(1));
        SecretHash live = push(app, NOW.plusSeconds(60));
        long left = database.read(tx -> tx.count("SELECT count(*) AS n FROM pushed_authorization_requests WHERE app_id = ?", app));
        assertEquals(1, left, "the expired one went when the live one came");
        database.inTransaction(tx -> tx.update("DELETE FROM apps WHERE id = ?", app));
        assertEquals(Optional.empty(), redeem(live, app, NOW));
    }
}
