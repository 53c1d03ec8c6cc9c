package dev.portcullis;

import dev.portcullis.apps.App;
import dev.portcullis.apps.ClientLookup;
import dev.portcullis.clientauth.ClientAssertions;
import dev.portcullis.clientauth.ClientAuthenticator;
import dev.portcullis.clientauth.ClientSignatures;
import dev.portcullis.clientauth.SqlJtiRepository;
import dev.portcullis.config.Config;
import dev.portcullis.connections.SqlConnectionRepository;
import dev.portcullis.device.SqlDeviceAuthorizationRepository;
import dev.portcullis.federation.SqlUpstreamLinkRepository;
import dev.portcullis.exchange.JwtBearerGrant;
import dev.portcullis.exchange.SqlExchangeTargetRepository;
import dev.portcullis.exchange.SqlTrustedIssuerRepository;
import dev.portcullis.exchange.TokenExchangeGrant;
import dev.portcullis.registration.KeySetDocuments;
import dev.portcullis.resources.KnownResources;
import dev.portcullis.token.AuthorizationCodeGrant;
import dev.portcullis.token.ClientCredentialsGrant;
import dev.portcullis.token.DeviceCodeGrant;
import dev.portcullis.token.Grants;
import dev.portcullis.token.IdTokens;
import dev.portcullis.token.RefreshTokenGrant;
import dev.portcullis.token.SignedIdTokens;
import dev.portcullis.token.SqlTokenRepository;
import dev.portcullis.token.TokenEvents;
import dev.portcullis.token.TokenIssuer;
import dev.portcullis.token.TokenRepository;
import java.time.Clock;

/**
 * Client authentication and token issuing, shared by /token, /authorize (codes and the implicit
 * grant), introspection, revocation and userinfo.
 */
record TokenWiring(KnownResources resources, ClientSignatures signatures, ClientAuthenticator<App> clients, TokenRepository tokens,
                   TokenIssuer issuer, IdTokens idTokens, Grants grants) {

    static TokenWiring of(Core core, ClientLookup apps, KeySetDocuments keySets) {
        Config config = core.config();
        Clock clock = core.clock();
        var resources = new KnownResources(config.server().issuer().toString(), core.resources());
        var signatures = new ClientSignatures(keySets, clock);
        var assertions = new ClientAssertions(config.server().issuer(), core.database(), new SqlJtiRepository(), signatures, clock);
        var clients = new ClientAuthenticator<App>(apps::find, core.apps()::verifyClientSecret, assertions);
        TokenRepository tokens = new SqlTokenRepository();
        var connections = new SqlConnectionRepository();
        var issuer = new TokenIssuer(tokens, connections, core.random(), config.tokens(), core.keys(), config.server().issuer(),
                new TokenEvents(core.events()));
        IdTokens idTokens = new SignedIdTokens(core.keys(), core.identity(), connections, config.server().issuer().toString());
        var grants = new Grants(
                new AuthorizationCodeGrant(core.database(), tokens, issuer, idTokens, core.ids(), clock, core.credentials()),
                new RefreshTokenGrant(core.database(), tokens, issuer, clock, core.credentials()),
                new ClientCredentialsGrant(core.database(), issuer, clock, resources),
                new DeviceCodeGrant(core.database(), new SqlDeviceAuthorizationRepository(), connections, tokens, issuer, idTokens,
                        core.ids(), clock),
                new TokenExchangeGrant(core.database(), core.credentials(), tokens, issuer, new SqlExchangeTargetRepository(),
                        resources, KnownResources.builtInApi(config.server().issuer().toString()), core.ids(), clock),
                new JwtBearerGrant(core.database(), new SqlTrustedIssuerRepository(), signatures, new SqlUpstreamLinkRepository(),
                        core.identity(), core.connections(), tokens, issuer, resources, config.server().issuer().toString(),
                        core.ids(), clock));
        return new TokenWiring(resources, signatures, clients, tokens, issuer, idTokens, grants);
    }
}
