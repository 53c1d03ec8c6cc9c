package dev.portcullis.token;

import dev.portcullis.apps.App;
import dev.portcullis.credentials.CredentialInvalidation;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.oauth.ClientType;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.storage.Database;
import dev.portcullis.storage.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * RFC 6749 §6 with rotation on every use (RFC 9700 §4.14.2): the presented token dies, a new one
 * is issued with the same scopes; a dead one presented again revokes the whole family.
 */
public final class RefreshTokenGrant {
    private final Database db;
    private final TokenRepository tokens;
    private final TokenIssuer issuer;
    private final Clock clock;
    private final CredentialInvalidation credentials;

    public RefreshTokenGrant(Database db, TokenRepository tokens, TokenIssuer issuer, Clock clock,
                             CredentialInvalidation credentials) {
        this.credentials = credentials;
        this.db = db;
        this.tokens = tokens;
        this.issuer = issuer;
        this.clock = clock;
    }

    /** {@code jkt}: the key of the request's DPoP proof; a bound refresh token needs its own key (RFC 9449 §5). */
    TokenResponse handle(App app, Actor actor, TokenRequest.Refresh request, Optional<String> jkt) {
        SecretHash hash = Token.parse(request.refreshToken()).filter(t -> t.kind() == TokenKind.REFRESH_TOKEN)
                .map(Token::hash)
                .orElseThrow(() -> new OAuthException(new OAuthError.InvalidGrant("Invalid refresh token")));
        Instant now = clock.instant();
        Outcome outcome = db.inTransaction(tx -> switch (tokens.rotate(tx, hash, app.clientId(), now)) {
            case TokenRepository.Rotation.Unknown u -> Outcome.invalidGrant("Invalid or expired refresh token");
            case TokenRepository.Rotation.Reused reused -> {
                tokens.revokeGrant(tx, reused.grantId());
                // Returned, not thrown: the revocation and its event commit although the request fails.
                issuer.events().refreshReused(tx, actor, app.clientId(), reused.grantId());
                yield Outcome.revoked("Refresh token was already used; the grant is revoked");
            }
            case TokenRepository.Rotation.Rotated rotated -> issue(tx, app, actor, request, rotated, now, jkt);
        });
        if (outcome instanceof Outcome.Failed f && f.familyRevoked()) credentials.changed();
        TokenDraft draft = outcome.orThrow();
        var access = issuer.sign(draft.access());
        return new TokenResponse(access.value(), access.expiresIn(draft.now()), draft.scopes(), draft.refreshToken(), Optional.empty(),
                draft.dpopBound());
    }

    /** Errors here are thrown, rolling the rotation back, so a bad scope does not cost the client its token. */
    private Outcome issue(Tx tx, App app, Actor actor, TokenRequest.Refresh request, TokenRepository.Rotation.Rotated rotated, Instant now,
                          Optional<String> jkt) {
        Optional<String> bound = rotated.token().jkt();
        if (bound.isPresent() && !bound.equals(jkt)) {
            throw new OAuthException(new OAuthError.InvalidGrant(jkt.isEmpty()
                    ? "This refresh token is DPoP-bound: send a DPoP proof signed with its key"
                    : "The DPoP proof's key does not match the key this refresh token is bound to"));
        }
        List<String> granted = rotated.token().scopes();
        List<String> requested = request.scope().map(ClientCredentialsGrant::words).orElse(granted);
        List<String> widened = requested.stream().filter(s -> !granted.contains(s)).toList();
        if (!widened.isEmpty()) {
            throw new OAuthException(new OAuthError.InvalidScope("Scope was not granted: " + String.join(" ", widened)));
        }
        if (request.resource().isPresent() && !request.resource().equals(rotated.grant().resource())) {
            throw new OAuthException(new OAuthError.InvalidTarget("resource does not match the grant"));
        }
        List<String> scopes = requested.stream().filter(app.scopes()::contains).toList();
        var access = issuer.access(tx, app, Optional.of(rotated.grant().id()), scopes, rotated.grant().resource(), now, jkt);
        String refresh = issuer.refresh(tx, rotated.grant(), granted, now, bound.isPresent() ? bound : refreshBinding(app, jkt));
        issuer.events().issued(tx, actor, GrantType.REFRESH_TOKEN, app.clientId(), scopes, Optional.of(rotated.grant().id()),
                rotated.workspaceId(), access);
        return new Outcome.Issued(new TokenDraft(access, scopes, Optional.of(refresh), Optional.empty(), now, jkt.isPresent()));
    }

    /**
     * RFC 9449 §5: a public client's refresh token is bound to its DPoP key, as the client has no
     * other proof of who it is; a confidential client's is not (its authentication is that proof,
     * and it may change keys).
     */
    static Optional<String> refreshBinding(App app, Optional<String> jkt) {
        return app.clientType() == ClientType.PUBLIC ? jkt : Optional.empty();
    }
}
