package dev.portcullis.federation;

import dev.portcullis.support.RepositoryContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.identity.Role;
import dev.portcullis.storage.UniqueViolation;
import dev.portcullis.support.Db;
import dev.portcullis.support.Seed;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link UpstreamProviderRepository}'s promises on both databases: every field back as written,
 * one provider per id, the sealed secret kept unless replaced, listed by name, deleted once.
 */
@ParameterizedClass
@EnumSource(Db.class)
class UpstreamProviderRepositoryContractTest extends RepositoryContract {
    static final UpstreamProviderRepository providers = new SqlUpstreamProviderRepository();

    static UpstreamProvider provider(String name) {
        return new UpstreamProvider("provider-" + Seed.next(), name, URI.create("https://accounts.example.com"), "portcullis-client",
                List.of("openid", "email", "profile"), List.of("example.com", "example.org"),
                Optional.of(new UpstreamProvider.AutoJoin("example.com", "workspace-1", Role.ADMIN)), NOW, NOW);
    }

    static UpstreamProvider insert(UpstreamProvider p, String sealedSecret) {
        database.inTransaction(tx -> {
            providers.insert(tx, p, sealedSecret);
            return null;
        });
        return p;
    }

    static boolean update(UpstreamProvider p, Optional<String> sealedSecret) {
        return database.inTransaction(tx -> providers.update(tx, p, sealedSecret));
    }

    static Optional<UpstreamProvider> find(String id) {
        return database.read(tx -> providers.find(tx, id));
    }

    static Optional<String> secretOf(String id) {
        return database.read(tx -> providers.sealedSecretOf(tx, id));
    }

    @Test
    void anInsertedProviderIsFoundWithEveryFieldAndItsSealedSecret() {
        UpstreamProvider p = insert(provider("Example"), "sealed secret");
        assertEquals(Optional.of(p), find(p.id()), "scopes and domains in their order, auto-join with its role");
        assertEquals(Optional.of("sealed secret"), secretOf(p.id()));
    }

    @Test
    void noDomainsNoScopesAndNoAutoJoinReadBackEmpty() {
        UpstreamProvider bare = new UpstreamProvider("provider-" + Seed.next(), "Bare", URI.create("https://bare.example.com/tenant"),
                "c", List.of(), List.of(), Optional.empty(), NOW, NOW);
        insert(bare, "s");
        assertEquals(Optional.of(bare), find(bare.id()));
    }

    @Test
    void anyIsTrueWhileOneProviderExistsAndFalseOnceTheLastIsDeleted() {
        database.inTransaction(tx -> {
            providers.list(tx).forEach(p -> providers.delete(tx, p.id()));
            return null;
        });
        assertFalse(database.read(providers::any));
        UpstreamProvider p = insert(provider("Only"), "secret");
        assertTrue(database.read(providers::any));
        boolean deleted = database.inTransaction(tx -> providers.delete(tx, p.id()));
        assertTrue(deleted);
        assertFalse(database.read(providers::any));
    }

    @Test
    void anUnknownIdFindsNoProviderAndNoSecret() {
        assertTrue(find("no-such-provider").isEmpty());
        assertTrue(secretOf("no-such-provider").isEmpty());
    }

    @Test
    void aSecondProviderWithTheSameIdIsAUniqueViolationAndKeepsTheFirst() {
        UpstreamProvider p = insert(provider("Example"), "first secret");
        UpstreamProvider impostor = new UpstreamProvider(p.id(), "Impostor", URI.create("https://evil.example.net"), "x", List.of("openid"),
                List.of(), Optional.empty(), NOW, NOW);
        assertThrows(UniqueViolation.class, () -> insert(impostor, "second secret"));
        assertEquals(Optional.of(p), find(p.id()));
        assertEquals(Optional.of("first secret"), secretOf(p.id()));
    }

    @Test
    void updateWritesEveryFieldButCreatedAtAndKeepsTheSecretWhenNoneIsGiven() {
        UpstreamProvider p = insert(provider("Example"), "sealed secret");
        UpstreamProvider changed = new UpstreamProvider(p.id(), "Renamed", URI.create("https://login.example.net/v2"), "new-client",
                List.of("openid"), List.of("example.net"), Optional.of(new UpstreamProvider.AutoJoin("example.net", "workspace-2", Role.MEMBER)),
                NOW.plusSeconds(3600), NOW.plusSeconds(60));
        assertTrue(update(changed, Optional.empty()));
        assertEquals(Optional.of(new UpstreamProvider(p.id(), "Renamed", changed.issuer(), "new-client", List.of("openid"),
                List.of("example.net"), changed.autoJoin(), NOW, NOW.plusSeconds(60))), find(p.id()), "created_at stays");
        assertEquals(Optional.of("sealed secret"), secretOf(p.id()));
    }

    @Test
    void updateWithASecretReplacesIt() {
        UpstreamProvider p = insert(provider("Example"), "old secret");
        assertTrue(update(p, Optional.of("new secret")));
        assertEquals(Optional.of("new secret"), secretOf(p.id()));
    }

    @Test
    void updateCanTakeAwayAutoJoinAndDomains() {
        UpstreamProvider p = insert(provider("Example"), "s");
        UpstreamProvider open = new UpstreamProvider(p.id(), p.name(), p.issuer(), p.clientId(), p.scopes(), List.of(), Optional.empty(),
                p.createdAt(), NOW.plusSeconds(1));
        assertTrue(update(open, Optional.empty()));
        assertEquals(Optional.of(open), find(p.id()));
    }

    @Test
    void updateOfAnUnknownIdAnswersFalseAndCreatesNothing() {
        UpstreamProvider ghost = provider("Ghost");
        assertFalse(update(ghost, Optional.of("secret")));
        assertTrue(find(ghost.id()).isEmpty());
        assertTrue(secretOf(ghost.id()).isEmpty());
    }

    @Test
    void listOrdersByNameThenId() {
        database.inTransaction(tx -> tx.update("DELETE FROM upstream_providers"));
        assertEquals(List.of(), database.read(providers::list));
        UpstreamProvider zeta = insert(provider("Zeta"), "s");
        UpstreamProvider alpha = insert(provider("Alpha"), "s");
        UpstreamProvider alphaB = insert(new UpstreamProvider("b-" + alpha.id(), "Alpha", alpha.issuer(), "c", List.of(), List.of(),
                Optional.empty(), NOW, NOW), "s");
        UpstreamProvider alphaA = insert(new UpstreamProvider("a-" + alpha.id(), "Alpha", alpha.issuer(), "c", List.of(), List.of(),
                Optional.empty(), NOW, NOW), "s");
        assertEquals(List.of(alphaA, alphaB, alpha, zeta), database.read(providers::list));
    }

    @Test
    void deleteAnswersTrueOnceAndTakesTheSecret() {
        UpstreamProvider p = insert(provider("Example"), "s");
        boolean first = database.inTransaction(tx -> providers.delete(tx, p.id()));
        boolean second = database.inTransaction(tx -> providers.delete(tx, p.id()));
        assertTrue(first);
        assertFalse(second, "a second delete finds nothing");
        assertTrue(find(p.id()).isEmpty());
        assertTrue(secretOf(p.id()).isEmpty());
    }
}
