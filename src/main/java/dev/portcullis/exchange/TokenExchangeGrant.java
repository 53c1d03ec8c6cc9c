package dev.portcullis.exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.portcullis.apps.App;
import dev.portcullis.credentials.AccessTokenCredential;
import dev.portcullis.credentials.Credential;
import dev.portcullis.credentials.CredentialResolver;
import dev.portcullis.error.OAuthError;
import dev.portcullis.events.Actor;
import dev.portcullis.error.OAuthException;
import dev.portcullis.oauth.ClientType;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.secrets.Ids;
import dev.portcullis.storage.Database;
import dev.portcullis.token.ExtensionGrant;
import dev.portcullis.token.TokenIssuer;
import dev.portcullis.token.TokenRepository;
import dev.portcullis.token.TokenRequest;
import dev.portcullis.token.TokenResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * RFC 8693 delegation: a confidential client trades a user's active Portcullis access token for
 * one aimed at a resource it was allowed to exchange for, never with more scopes than the subject
 * token and the client's own allowance, and records itself (or the actor token's subject) as
 * {@code act}. The new token hangs off the subject token's connection, so it dies with it.
 */
public final class TokenExchangeGrant implements ExtensionGrant<TokenRequest.TokenExchange> {
    public static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    /** RFC 8693 §3: our JWT access tokens may be named by either type. */
    static final Set<String> SUBJECT_TYPES = Set.of(ACCESS_TOKEN_TYPE, "urn:ietf:params:oauth:token-type:jwt");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final CredentialResolver credentials;
    private final TokenRepository tokens;
    private final TokenIssuer issuer;
    private final ExchangeTargetRepository targets;
    private final Predicate<String> knownResource;
    private final String builtInApi;
    private final Ids ids;
    private final Clock clock;

    public TokenExchangeGrant(Database db, CredentialResolver credentials, TokenRepository tokens, TokenIssuer issuer,
                              ExchangeTargetRepository targets, Predicate<String> knownResource, String builtInApi, Ids ids,
                              Clock clock) {
        this.db = db;
        this.credentials = credentials;
        this.tokens = tokens;
        this.issuer = issuer;
        this.targets = targets;
        this.knownResource = knownResource;
        this.builtInApi = builtInApi;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public TokenResponse handle(App app, Actor client, TokenRequest.TokenExchange request, Optional<String> jkt) {
        // A public client cannot prove who is acting; delegation to it would let anyone act.
        if (app.clientType() == ClientType.PUBLIC) {
            throw new OAuthException(new OAuthError.UnauthorizedClient("Token exchange needs a confidential client"));
        }
        checkTypes(request);
        String target = target(request);
        AccessTokenCredential subject = activeToken(request.subjectToken(), "subject_token");
        Credential.UserGrant user = subject.grant().orElseThrow(() -> invalidRequest("subject_token acts for no user"));
        String actor = request.actorToken().map(t -> subjectOf(activeToken(t, "actor_token"))).orElse(app.clientId());
        List<String> scopes = scopes(app, subject, request.scope());
        Instant now = clock.instant();
        var draft = db.inTransaction(tx -> {
            if (!targets.allows(tx, app.clientId(), target)) {
                throw new OAuthException(new OAuthError.InvalidTarget("This client may not exchange tokens for " + target));
            }
            // Read again in the transaction: a connection revoked a moment ago takes its grant with it.
            var subjectGrant = tokens.findGrant(tx, user.grantId())
                    .orElseThrow(() -> invalidRequest("subject_token is not an active access token"));
            var grant = new TokenRepository.Grant(ids.next(), app.clientId(), subjectGrant.connectionId(), scopes,
                    Optional.of(target), subjectGrant.authTime(), now, issuer.familyExpiry(now));
            Map<String, Object> act = act(actor, user.act());
            tokens.insertDelegatedGrant(tx, grant, json(act));
            var access = withAct(issuer.access(tx, app, Optional.of(grant.id()), scopes, Optional.of(target), now, jkt), act);
            issuer.events().issued(tx, client, GrantType.TOKEN_EXCHANGE, app.clientId(), scopes, Optional.of(grant.id()),
                    Optional.of(user.workspace().id()), access);
            return access;
        });
        var access = issuer.sign(draft);
        return new TokenResponse(access.value(), access.expiresIn(now), scopes, Optional.empty(), Optional.empty(),
                jkt.isPresent(), Optional.of(ACCESS_TOKEN_TYPE));
    }

    private static void checkTypes(TokenRequest.TokenExchange request) {
        if (!SUBJECT_TYPES.contains(request.subjectTokenType())) {
            throw invalidRequest("subject_token_type must be " + ACCESS_TOKEN_TYPE);
        }
        if (request.actorToken().isPresent() != request.actorTokenType().isPresent()) {
            throw invalidRequest("actor_token and actor_token_type go together");
        }
        if (request.actorTokenType().filter(t -> !SUBJECT_TYPES.contains(t)).isPresent()) {
            throw invalidRequest("actor_token_type must be " + ACCESS_TOKEN_TYPE);
        }
        if (request.requestedTokenType().filter(t -> !ACCESS_TOKEN_TYPE.equals(t)).isPresent()) {
            throw invalidRequest("requested_token_type must be " + ACCESS_TOKEN_TYPE);
        }
    }

    /** RFC 8693 §2.1: resource and audience both name the target here; the built-in API when neither does. */
    private String target(TokenRequest.TokenExchange request) {
        if (request.resource().isPresent() && request.audience().isPresent()
                && !request.resource().equals(request.audience())) {
            throw new OAuthException(new OAuthError.InvalidTarget("resource and audience name different targets"));
        }
        String target = request.resource().or(request::audience).orElse(builtInApi);
        if (!knownResource.test(target)) throw new OAuthException(new OAuthError.InvalidTarget("Unknown resource or audience"));
        return target;
    }

    /** RFC 8693 §2.2.2: an invalid subject or actor token is invalid_request (not invalid_grant). */
    private AccessTokenCredential activeToken(String presented, String parameter) {
        return credentials.resolve(presented).filter(AccessTokenCredential.class::isInstance).map(AccessTokenCredential.class::cast)
                .orElseThrow(() -> invalidRequest(parameter + " is not an active access token"));
    }

    private static String subjectOf(AccessTokenCredential token) {
        return token.grant().map(Credential.UserGrant::userId).orElse(token.clientId());
    }

    /** Requested scopes must lie within both the subject token's and the client's; by default, their overlap. */
    private static List<String> scopes(App app, AccessTokenCredential subject, Optional<String> requested) {
        List<String> held = subject.scopes().names();
        List<String> wanted = requested.map(TokenExchangeGrant::words)
                .orElseGet(() -> held.stream().filter(app.scopes()::contains).toList());
        List<String> widened = wanted.stream().filter(s -> !held.contains(s) || !app.scopes().contains(s)).toList();
        if (!widened.isEmpty()) {
            throw new OAuthException(new OAuthError.InvalidScope("Scope exceeds the subject token or this client: "
                    + String.join(" ", widened)));
        }
        return wanted;
    }

    /** RFC 8693 §4.1: the current actor on top, the earlier chain nested under it. */
    private static Map<String, Object> act(String actor, Optional<String> earlier) {
        Map<String, Object> act = new LinkedHashMap<>();
        act.put("sub", actor);
        earlier.ifPresent(e -> act.put("act", parse(e)));
        return act;
    }

    private static TokenIssuer.AccessDraft withAct(TokenIssuer.AccessDraft draft, Map<String, Object> act) {
        return switch (draft) {
            case TokenIssuer.AccessDraft.Opaque o -> o;
            case TokenIssuer.AccessDraft.Unsigned u ->
                    new TokenIssuer.AccessDraft.Unsigned(new JWTClaimsSet.Builder(u.claims()).claim("act", act).build(), u.rowKey(),
                            u.expiresAt(), u.alg());
        };
    }

    static List<String> words(String text) {
        return text.isBlank() ? List.of() : Arrays.stream(text.trim().split(" +")).distinct().toList();
    }

    private static OAuthException invalidRequest(String description) {
        return new OAuthException(new OAuthError.InvalidRequest(description));
    }

    private static String json(Map<String, Object> act) {
        try {
            return JSON.writeValueAsString(act);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored act is not JSON", e);
        }
    }
}
