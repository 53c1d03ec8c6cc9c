package dev.portcullis.federation;

import dev.portcullis.support.RepositoryContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * {@link UpstreamLinkRepository}'s promises on both databases: an (issuer, sub) names one user for
 * good (OIDC Core §2), a sub means nothing under another issuer, and links go with their user but
 * outlive their provider.
 */
@ParameterizedClass
@EnumSource(Db.class)
class UpstreamLinkRepositoryContractTest extends RepositoryContract {
    static final String ISSUER = "https://accounts.example.com";
    static final String OTHER_ISSUER = "https://login.example.net";

    static final UpstreamLinkRepository links = new SqlUpstreamLinkRepository();

    static String user() {
        return database.inTransaction(tx -> Seed.user(tx, "Ada", NOW)).id();
    }

    static String subject() {
        return "sub-" + Seed.next();
    }

    static void link(String issuer, String subject, String user, String provider) {
        database.inTransaction(tx -> {
            links.link(tx, issuer, subject, user, provider, NOW);
            return null;
        });
    }

    static Optional<String> userOf(String issuer, String subject) {
        return database.read(tx -> links.userOf(tx, issuer, subject));
    }

    @Test
    void aLinkedSubjectIsFoundUnderItsIssuer() {
        String ada = user();
        String sub = subject();
        link(ISSUER, sub, ada, "provider-1");
        assertEquals(Optional.of(ada), userOf(ISSUER, sub));
        assertTrue(userOf(ISSUER, subject()).isEmpty(), "another subject names nobody");
    }

    @Test
    void theSameSubjectUnderAnotherIssuerIsSomeoneElse() {
        String ada = user();
        String sub = subject();
        link(ISSUER, sub, ada, "provider-1");
        assertTrue(userOf(OTHER_ISSUER, sub).isEmpty());
        String grace = user();
        link(OTHER_ISSUER, sub, grace, "provider-2");
        assertEquals(Optional.of(grace), userOf(OTHER_ISSUER, sub));
        assertEquals(Optional.of(ada), userOf(ISSUER, sub));
    }

    @Test
    void linkingALinkedSubjectAgainIsAUniqueViolationAndKeepsTheFirstUser() {
        String ada = user();
        String sub = subject();
        link(ISSUER, sub, ada, "provider-1");
        assertThrows(UniqueViolation.class, () -> link(ISSUER, sub, user(), "provider-1"));
        assertEquals(Optional.of(ada), userOf(ISSUER, sub));
    }

    @Test
    void oneUserMayBeLinkedUnderSeveralIssuers() {
        String ada = user();
        String first = subject();
        String second = subject();
        link(ISSUER, first, ada, "provider-1");
        link(OTHER_ISSUER, second, ada, "provider-2");
        assertEquals(Optional.of(ada), userOf(ISSUER, first));
        assertEquals(Optional.of(ada), userOf(OTHER_ISSUER, second));
    }

    @Test
    void deletingTheUserTakesTheirLinks() {
        String ada = user();
        String sub = subject();
        link(ISSUER, sub, ada, "provider-1");
        database.inTransaction(tx -> tx.update("DELETE FROM users WHERE id = ?", ada));
        assertTrue(userOf(ISSUER, sub).isEmpty());
    }

    @Test
    void deletingTheProviderKeepsItsLinksForAProviderAddedAgainWithTheSameIssuer() {
        UpstreamProvider p = new UpstreamProvider("provider-" + Seed.next(), "Example", URI.create(ISSUER), "c", List.of("openid"),
                List.of(), Optional.empty(), NOW, NOW);
        var providers = new SqlUpstreamProviderRepository();
        database.inTransaction(tx -> {
            providers.insert(tx, p, "s");
            return null;
        });
        String ada = user();
        String sub = subject();
        link(ISSUER, sub, ada, p.id());
        database.inTransaction(tx -> providers.delete(tx, p.id()));
        assertEquals(Optional.of(ada), userOf(ISSUER, sub));
    }
}
