package dev.portcullis;

import dev.portcullis.apps.ClientLookup;
import dev.portcullis.authorize.AuthorizeChecks;
import dev.portcullis.authorize.AuthorizeEndpoint;
import dev.portcullis.authorize.ChoicePages;
import dev.portcullis.authorize.CodeIssuer;
import dev.portcullis.authorize.ExternalLogin;
import dev.portcullis.authorize.PendingApps;
import dev.portcullis.authorize.PendingRequests;
import dev.portcullis.authorize.PushedRequests;
import dev.portcullis.authorize.RequestObjects;
import dev.portcullis.authorize.RequestUriFetcher;
import dev.portcullis.authorize.SqlAuthorizationRequestRepository;
import dev.portcullis.token.ImplicitGrant;
import java.time.Clock;
import java.util.function.Predicate;

/** {@code /authorize} and what the login page reads of a waiting request; both share the pending requests. */
record AuthorizeWiring(AuthorizeEndpoint endpoint, PendingApps pendingApps, AuthorizeChecks checks) {

    static AuthorizeWiring of(Core core, WebWiring web, TokenWiring tokens, ClientLookup apps, RequestUriFetcher requestUris,
                              ExternalLogin externalLogin, PushedRequests pushed, Predicate<String> hasSecondFactor,
                              Predicate<String> workspaceRequiresSecondFactor) {
        String issuer = core.config().server().issuer().toString();
        Clock clock = core.clock();
        var requestObjects = new RequestObjects(tokens.signatures(), requestUris, issuer, clock);
        var checks = new AuthorizeChecks(apps, issuer, core.scopes()::isKnown, tokens.resources(), requestObjects,
                pushed, core.config().tokens().requirePar());
        var pending = new PendingRequests(core.database(), new SqlAuthorizationRequestRepository(), core.random(), clock);
        var codes = new CodeIssuer(tokens.tokens(), core.random(), core.config().tokens().codeTtl());
        var implicit = new ImplicitGrant(tokens.tokens(), tokens.issuer(), tokens.idTokens(), core.ids());
        var choices = new ChoicePages(web.pages(), core.identity(), core.scopes());
        var endpoint = new AuthorizeEndpoint(checks, pending, web.browsers(), codes, implicit, choices, core.database(), apps,
                core.identity(), core.connections(), web.currentUser(), web.sessionCookie(), core.sessions(), issuer, clock,
                externalLogin, web.clientAddress(), core.config().mail().requireVerifiedEmail(), hasSecondFactor,
                workspaceRequiresSecondFactor);
        var pendingApps = new PendingApps(pending, apps);
        return new AuthorizeWiring(endpoint, pendingApps, checks);
    }
}
