package dev.portcullis.apps;

import dev.portcullis.clientauth.ClientKeys;
import dev.portcullis.clientauth.RegisteredClient;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.ClientType;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.oauth.RedirectUri;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** An app as stored: an OAuth client. {@code clientId} is its primary key. */
public record App(
        String clientId,
        Optional<String> ownerUserId,
        AppSettings settings,
        boolean selfRegistered,
        Instant createdAt) implements RegisteredClient {

    public String name() { return settings.name(); }
    @Override public boolean oauthEnabled() { return settings.oauthEnabled(); }
    @Override public AuthMethod authMethod() { return settings.authMethod(); }
    public ClientType clientType() { return settings.authMethod().clientType(); }
    public Set<GrantType> grantTypes() { return settings.grantTypes(); }
    public List<String> scopes() { return settings.scopes(); }
    public List<RedirectUri> redirectUris() { return settings.redirectUris(); }
    @Override public ClientKeys clientKeys() { return settings.clientKeys(); }
    @Override public boolean issuerOnlyAudience() { return assurance().fapi2(); }
    public Optional<String> userinfoAlg() { return settings.userinfoAlg(); }
    public Assurance assurance() { return settings.assurance(); }

    public boolean mayUse(GrantType grant) {
        return settings.grantTypes().contains(grant);
    }

    /**
     * Whether a browser page at {@code origin} may read this app's token responses: only a public
     * client (a confidential one would have to put its secret in the page), and only from the
     * origin of one of its redirect URIs, as node-oidc-provider and Curity decide.
     */
    public boolean allowsBrowserOrigin(String origin) {
        return clientType() == ClientType.PUBLIC && redirectUris().stream().anyMatch(uri -> uri.isAt(origin));
    }

    public boolean isOwnedBy(String userId) {
        return ownerUserId.map(userId::equals).orElse(false);
    }
}
