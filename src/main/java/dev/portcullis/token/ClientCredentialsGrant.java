package dev.portcullis.token;

import dev.portcullis.events.Actor;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.scopes.UserScopes;
import dev.portcullis.apps.App;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.storage.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** RFC 6749 §4.4: the app acts for itself; no user, no workspace, no refresh token. */
public final class ClientCredentialsGrant {
    /** Scopes about a user make no sense without one. */

    private final Database db;
    private final TokenIssuer issuer;
    private final Clock clock;
    private final Predicate<String> knownResource;

    public ClientCredentialsGrant(Database db, TokenIssuer issuer, Clock clock, Predicate<String> knownResource) {
        this.knownResource = knownResource;
        this.db = db;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** {@code jkt}: the key of the request's DPoP proof, which the token is bound to. */
    TokenResponse handle(App app, Actor actor, TokenRequest.ClientCredentials request, Optional<String> jkt) {
        List<String> allowed = app.scopes().stream().filter(s -> !UserScopes.contains(s)).toList();
        List<String> scopes = request.scope().map(ClientCredentialsGrant::words).orElse(allowed);
        List<String> refused = scopes.stream().filter(s -> !allowed.contains(s)).toList();
        if (!refused.isEmpty()) {
            throw new OAuthException(new OAuthError.InvalidScope("Scope not allowed for this app: " + String.join(" ", refused)));
        }
        if (request.resource().filter(knownResource.negate()).isPresent()) {
            throw new OAuthException(new OAuthError.InvalidTarget("Unknown resource"));
        }
        Instant now = clock.instant();
        var token = issuer.sign(db.inTransaction(tx -> {
            var access = issuer.access(tx, app, Optional.empty(), scopes, request.resource(), now, jkt);
            issuer.events().issued(tx, actor, GrantType.CLIENT_CREDENTIALS, app.clientId(), scopes, Optional.empty(), Optional.empty(),
                    access);
            return access;
        }));
        return new TokenResponse(token.value(), token.expiresIn(now), scopes, Optional.empty(), Optional.empty(), jkt.isPresent());
    }

    static List<String> words(String text) {
        return text.isBlank() ? List.of() : Arrays.stream(text.trim().split(" +")).distinct().toList();
    }
}
