package dev.portcullis.exchange;

import dev.portcullis.apps.App;
import dev.portcullis.clientauth.ClientSignatures;
import dev.portcullis.connections.Connection;
import dev.portcullis.connections.ConnectionService;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.federation.UpstreamLinkRepository;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.WorkspaceAccess;
import dev.portcullis.oauth.ClientType;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.secrets.Ids;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Database;
import dev.portcullis.storage.UniqueViolation;
import dev.portcullis.token.ExtensionGrant;
import dev.portcullis.token.TokenIssuer;
import dev.portcullis.token.TokenRepository;
import dev.portcullis.token.TokenRequest;
import dev.portcullis.token.TokenResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * RFC 7523 §2.1 with ID-JAG (draft-ietf-oauth-identity-assertion-authz-grant-04): a trusted
 * issuer's signed statement about a user becomes an access token for that user's workspace, with
 * no browser. The issuer's authorization stands in for the consent screen: the connection
 * (user x client x workspace) is recorded with the scopes granted, so the user and workspace
 * admins see it and can revoke it. No refresh token: the client asks its issuer for a new assertion.
 */
public final class JwtBearerGrant implements ExtensionGrant<TokenRequest.JwtBearer> {
    private final Database db;
    private final AssertionVerifier verifier;
    private final TrustedIssuerRepository issuers;
    private final AssertedUsers users;
    private final IdentityService identity;
    private final ConnectionService connections;
    private final TokenRepository tokens;
    private final TokenIssuer issuer;
    private final Predicate<String> knownResource;
    private final Ids ids;
    private final Clock clock;

    public JwtBearerGrant(Database db, TrustedIssuerRepository issuers, ClientSignatures signatures, UpstreamLinkRepository links,
                          IdentityService identity, ConnectionService connections, TokenRepository tokens, TokenIssuer issuer,
                          Predicate<String> knownResource, String ourIssuer, Ids ids, Clock clock) {
        this.db = db;
        this.verifier = new AssertionVerifier(db, issuers, signatures, ourIssuer, clock);
        this.issuers = issuers;
        this.users = new AssertedUsers(links, identity, clock);
        this.identity = identity;
        this.connections = connections;
        this.tokens = tokens;
        this.issuer = issuer;
        this.knownResource = knownResource;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public TokenResponse handle(App app, Actor actor, TokenRequest.JwtBearer request, Optional<String> jkt) {
        if (app.clientType() == ClientType.PUBLIC) {
            throw new OAuthException(new OAuthError.UnauthorizedClient("The jwt-bearer grant needs a confidential client"));
        }
        Assertion assertion = verifier.verify(request.assertion(), app.clientId());
        List<String> scopes = scopes(app, request, assertion);
        Optional<String> resource = resource(request, assertion);
        Instant now = clock.instant();
        String userId = spendOnce(assertion, now);
        WorkspaceAccess workspace = workspace(userId, request.workspace().or(assertion::workspace));
        var draft = db.inTransaction(tx -> {
            Connection connection = connections.approve(tx, userId, app.clientId(), workspace, scopes);
            var grant = new TokenRepository.Grant(ids.next(), app.clientId(), connection.id(), scopes, resource, now, now,
                    issuer.familyExpiry(now));
            tokens.insertGrant(tx, grant);
            var access = issuer.access(tx, app, Optional.of(grant.id()), scopes, resource, now, jkt);
            issuer.events().issued(tx, actor, GrantType.JWT_BEARER, app.clientId(), scopes, Optional.of(grant.id()),
                    Optional.of(connection.workspaceId()), access);
            return access;
        });
        var access = issuer.sign(draft);
        return new TokenResponse(access.value(), access.expiresIn(now), scopes, Optional.empty(), Optional.empty(), jkt.isPresent());
    }

    private String spendOnce(Assertion assertion, Instant now) {
        try {
            return spend(assertion, now);
        } catch (UniqueViolation e) {
            // Another assertion for the same person linked them a moment ago (and this one's jti rolled back): use that link.
            return spend(assertion, now);
        }
    }

    /** RFC 7523 §3 item 7: one use per jti, kept until the assertion expires; then the user it names. */
    private String spend(Assertion assertion, Instant now) {
        return db.inTransaction(tx -> {
            if (!issuers.useJti(tx, assertion.issuer().id(), SecretHash.of(assertion.jti()),
                    assertion.expiresAt().plus(AssertionVerifier.SKEW), now)) {
                throw new OAuthException(new OAuthError.InvalidGrant("Assertion refused: jti was used before"));
            }
            issuers.deleteExpiredJtis(tx, now);
            return users.userFor(tx, assertion);
        });
    }

    /**
     * The request's scope, else the assertion's, else the client's; always within the client's
     * allowance and, when the assertion names scopes (ID-JAG §3), within those.
     */
    private static List<String> scopes(App app, TokenRequest.JwtBearer request, Assertion assertion) {
        Optional<List<String>> asserted = assertion.scope().map(TokenExchangeGrant::words);
        List<String> wanted = request.scope().map(TokenExchangeGrant::words).or(() -> asserted).orElse(app.scopes())
                .stream().filter(s -> !s.equals("offline_access")).toList();
        List<String> refused = wanted.stream()
                .filter(s -> !app.scopes().contains(s) || asserted.filter(a -> !a.contains(s)).isPresent()).toList();
        if (!refused.isEmpty()) {
            throw new OAuthException(new OAuthError.InvalidScope("Scope not allowed: " + String.join(" ", refused)));
        }
        return wanted;
    }

    /** RFC 8707 resource, from the request or the ID-JAG's {@code resource} claim; they must agree. */
    private Optional<String> resource(TokenRequest.JwtBearer request, Assertion assertion) {
        if (request.resource().isPresent() && assertion.resource().isPresent() && !request.resource().equals(assertion.resource())) {
            throw new OAuthException(new OAuthError.InvalidTarget("resource differs from the assertion's"));
        }
        Optional<String> resource = request.resource().or(assertion::resource);
        if (resource.filter(knownResource.negate()).isPresent()) {
            throw new OAuthException(new OAuthError.InvalidTarget("Unknown resource"));
        }
        return resource;
    }

    /** The workspace named (slug or id) by the request or the assertion, or the user's only one; the user must be a member. */
    private WorkspaceAccess workspace(String userId, Optional<String> named) {
        List<WorkspaceAccess> mine = identity.workspacesOf(userId);
        if (named.isEmpty()) {
            if (mine.size() == 1) return mine.getFirst();
            throw new OAuthException(new OAuthError.InvalidRequest(mine.isEmpty()
                    ? "The asserted user belongs to no workspace"
                    : "The asserted user belongs to several workspaces: name one with the workspace parameter"));
        }
        return mine.stream().filter(w -> w.workspace().slug().equals(named.get()) || w.workspace().id().equals(named.get()))
                .findFirst()
                .orElseThrow(() -> new OAuthException(new OAuthError.InvalidGrant("The asserted user is not a member of that workspace")));
    }
}
