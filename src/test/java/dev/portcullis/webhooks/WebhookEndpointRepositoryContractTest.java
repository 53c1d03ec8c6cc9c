package dev.portcullis.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.support.Db;
import dev.portcullis.support.RepositoryContract;
import dev.portcullis.support.Seed;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link SqlWebhookEndpointRepository} on both databases. */
@ParameterizedClass
@EnumSource(Db.class)
class WebhookEndpointRepositoryContractTest extends RepositoryContract {
    final WebhookEndpointRepository repo = new SqlWebhookEndpointRepository();

    static WebhookEndpoint endpoint(Optional<String> workspace, boolean enabled, String... types) {
        return new WebhookEndpoint("whe_" + Seed.next(), workspace, URI.create("https://hooks.example.com/in?x=1"), Set.of(types), enabled,
                NOW, NOW);
    }

    String workspace() {
        return database.inTransaction(tx -> Seed.workspace(tx, "Webhooks", NOW)).id();
    }

    WebhookEndpoint insert(WebhookEndpoint e) {
        database.inTransaction(tx -> {
            repo.insert(tx, new WebhookEndpointRepository.Stored(e, "sealed-" + e.id(), Optional.empty(), Optional.empty()));
            return null;
        });
        return e;
    }

    void deleteAllEndpoints() {
        database.inTransaction(tx -> tx.update("DELETE FROM webhook_deliveries") + tx.update("DELETE FROM webhook_endpoints"));
    }

    @Test
    void thePresenceCacheBelievesNoneForASecondSeesAChangeHereAtOnceAndNeverCachesSome() {
        deleteAllEndpoints();
        long[] now = {0};
        var presence = new EndpointPresence(repo, () -> now[0]);
        assertFalse(database.read(presence::maybeAny));
        insert(endpoint(Optional.empty(), false, "*"));
        now[0] += EndpointPresence.FRESH.toNanos();
        assertFalse(database.read(presence::maybeAny), "a disabled endpoint is none");
        assertFalse(database.read(repo::anyEnabled));

        insert(endpoint(Optional.of(workspace()), true, "token.issued")); // as another instance would
        assertTrue(database.read(repo::anyEnabled));
        assertFalse(database.read(presence::maybeAny), "none is believed for FRESH");
        now[0] += EndpointPresence.FRESH.toNanos();
        assertTrue(database.read(presence::maybeAny), "then read again");
        assertTrue(database.read(presence::maybeAny), "some is never cached");

        deleteAllEndpoints();
        assertFalse(database.read(presence::maybeAny));
        insert(endpoint(Optional.empty(), true, "*"));
        presence.changed(); // enabled on this instance
        assertTrue(database.read(presence::maybeAny), "seen at once");
    }

    @Test
    void anEndpointIsReadBackWholeWithItsSealedSecret() {
        var e = insert(endpoint(Optional.of(workspace()), true, "app.created", "token.issued"));
        var stored = database.read(tx -> repo.find(tx, e.id())).orElseThrow();
        assertEquals(e, stored.endpoint());
        assertEquals("sealed-" + e.id(), stored.sealedSecret());
        assertEquals(Optional.empty(), stored.previousSealedSecret());
    }

    @Test
    void findByTargetMatchesTheWorkspaceOrTheGlobalScopeExactly() {
        String ws = workspace();
        var global = insert(endpoint(Optional.empty(), true, "*"));
        var mine = insert(endpoint(Optional.of(ws), true, "*"));
        String url = "https://hooks.example.com/in?x=1";
        assertEquals(Optional.of(mine), database.read(tx -> repo.findByTarget(tx, Optional.of(ws), url)));
        assertEquals(global.targetUrl(), database.read(tx -> repo.findByTarget(tx, Optional.empty(), url)).orElseThrow().targetUrl());
        assertTrue(database.read(tx -> repo.findByTarget(tx, Optional.empty(), url)).orElseThrow().workspaceId().isEmpty());
        assertEquals(Optional.empty(), database.read(tx -> repo.findByTarget(tx, Optional.of(ws), url + "&y")));
        assertEquals(Optional.empty(), database.read(tx -> repo.findByTarget(tx, Optional.of(workspace()), url)));
    }

    @Test
    void updateRotateDisableAndDeleteChangeOnlyWhatTheySay() {
        var e = insert(endpoint(Optional.of(workspace()), true, "app.created"));
        var changed = new WebhookEndpoint(e.id(), e.workspaceId(), URI.create("https://other.example.com/"), Set.of("*"), true, NOW,
                NOW.plusSeconds(5));
        assertTrue((boolean) database.inTransaction(tx -> repo.update(tx, changed)));
        assertTrue((boolean) database.inTransaction(tx -> repo.rotate(tx, e.id(), "sealed-new", "sealed-" + e.id(), NOW.plus(Duration.ofHours(24)),
                NOW.plusSeconds(6))));
        var stored = database.read(tx -> repo.find(tx, e.id())).orElseThrow();
        assertEquals(URI.create("https://other.example.com/"), stored.endpoint().targetUrl());
        assertEquals(Set.of("*"), stored.endpoint().eventTypes());
        assertEquals("sealed-new", stored.sealedSecret());
        assertEquals(Optional.of("sealed-" + e.id()), stored.previousSealedSecret());
        assertEquals(Optional.of(NOW.plus(Duration.ofHours(24))), stored.previousUntil());

        assertTrue((boolean) database.inTransaction(tx -> repo.disable(tx, e.id(), NOW)));
        assertFalse((boolean) database.inTransaction(tx -> repo.disable(tx, e.id(), NOW)), "disabling twice reports no change");
        assertFalse((boolean) database.read(tx -> repo.find(tx, e.id())).orElseThrow().endpoint().enabled());
        assertTrue((boolean) database.inTransaction(tx -> repo.delete(tx, e.id())));
        assertFalse((boolean) database.inTransaction(tx -> repo.delete(tx, e.id())));
        assertEquals(Optional.empty(), database.read(tx -> repo.find(tx, e.id())));
    }
}
