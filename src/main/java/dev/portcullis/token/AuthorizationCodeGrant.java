package dev.portcullis.token;

import dev.portcullis.apps.App;
import dev.portcullis.credentials.CredentialInvalidation;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.oauth.Pkce;
import dev.portcullis.secrets.Ids;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.storage.Database;
import dev.portcullis.storage.Tx;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * RFC 6749 §4.1.3 with PKCE (RFC 7636). A code is redeemed at most once; a second attempt
 * revokes everything issued from it (RFC 6749 §4.1.2, RFC 9700 §4.5).
 */
public final class AuthorizationCodeGrant {
    private final Database db;
    private final TokenRepository tokens;
    private final TokenIssuer issuer;
    private final IdTokens idTokens;
    private final Ids ids;
    private final Clock clock;
    private final CredentialInvalidation credentials;

    /** {@code credentials} hears when a replay revoked a token family, so the resolver drops its tokens at once. */
    public AuthorizationCodeGrant(Database db, TokenRepository tokens, TokenIssuer issuer, IdTokens idTokens, Ids ids, Clock clock,
                                  CredentialInvalidation credentials) {
        this.credentials = credentials;
        this.db = db;
        this.tokens = tokens;
        this.issuer = issuer;
        this.idTokens = idTokens;
        this.ids = ids;
        this.clock = clock;
    }

    /** {@code jkt}: the key of the request's DPoP proof, which the tokens are bound to. */
    TokenResponse handle(App app, Actor actor, TokenRequest.AuthorizationCode request, Optional<String> jkt) {
        SecretHash hash = Token.parse(request.code()).filter(t -> t.kind() == TokenKind.AUTHORIZATION_CODE)
                .map(Token::hash)
                .orElseThrow(() -> new OAuthException(new OAuthError.InvalidGrant("Invalid authorization code")));
        Instant now = clock.instant();
        Outcome outcome = db.inTransaction(tx -> switch (tokens.redeem(tx, hash, app.clientId(), now)) {
            case TokenRepository.Redemption.Unknown u -> Outcome.invalidGrant("Invalid authorization code");
            case TokenRepository.Redemption.Replayed replayed -> {
                replayed.grantId().ifPresent(id -> tokens.revokeGrant(tx, id));
                // Returned, not thrown: the revocation and its event commit although the request fails.
                issuer.events().codeReused(tx, actor, app.clientId(), replayed.grantId());
                yield Outcome.revoked("Authorization code was already used; its tokens are revoked");
            }
            case TokenRepository.Redemption.Redeemed redeemed -> exchange(tx, app, actor, request, redeemed, now, jkt);
        });
        if (outcome instanceof Outcome.Failed f && f.familyRevoked()) credentials.changed();
        return signed(outcome.orThrow());
    }

    private TokenResponse signed(TokenDraft draft) {
        var access = issuer.sign(draft.access());
        Optional<String> idToken = draft.idToken().map(claims -> idTokens.sign(claims, access.value()));
        return new TokenResponse(access.value(), access.expiresIn(draft.now()), draft.scopes(), draft.refreshToken(), idToken,
                draft.dpopBound());
    }

    private Outcome exchange(Tx tx, App app, Actor actor, TokenRequest.AuthorizationCode request,
                             TokenRepository.Redemption.Redeemed redeemed, Instant now, Optional<String> jkt) {
        TokenRepository.Code code = redeemed.code();
        if (!now.isBefore(code.expiresAt())) return Outcome.invalidGrant("Authorization code expired");
        if (!code.redirectUri().equals(request.redirectUri())) {
            return Outcome.invalidGrant("redirect_uri does not match the authorization request");
        }
        Optional<OAuthError> pkce = checkPkce(code.codeChallenge(), request.codeVerifier());
        if (pkce.isPresent()) return new Outcome.Failed(pkce.get());
        if (request.resource().isPresent() && !request.resource().equals(code.resource())) {
            return new Outcome.Failed(new OAuthError.InvalidTarget("resource does not match the authorization request"));
        }
        // RFC 9449 §10: a code whose request named dpop_jkt is redeemed only with a proof by that key.
        if (code.dpopJkt().isPresent() && !code.dpopJkt().equals(jkt)) {
            return Outcome.invalidGrant("The DPoP proof's key does not match the dpop_jkt of the authorization request");
        }
        var grant = new TokenRepository.Grant(ids.next(), app.clientId(), code.connectionId(), code.scopes(), code.resource(),
                code.authTime(), now, issuer.familyExpiry(now), code.claims());
        tokens.insertGrant(tx, grant);
        tokens.attachGrant(tx, code.hash(), grant.id());
        var access = issuer.access(tx, app, Optional.of(grant.id()), code.scopes(), code.resource(), now, jkt);
        Optional<String> refresh = code.scopes().contains("offline_access") && app.mayUse(GrantType.REFRESH_TOKEN)
                ? Optional.of(issuer.refresh(tx, grant, code.scopes(), now, RefreshTokenGrant.refreshBinding(app, jkt)))
                : Optional.empty();
        Optional<IdTokens.Unsigned> idToken = code.scopes().contains("openid")
                ? Optional.of(idTokens.claims(tx, idTokens.context(tx, app, code), now))
                : Optional.empty();
        issuer.events().issued(tx, actor, GrantType.AUTHORIZATION_CODE, app.clientId(), code.scopes(), Optional.of(grant.id()),
                redeemed.workspaceId(), access);
        return new Outcome.Issued(new TokenDraft(access, code.scopes(), refresh, idToken, now, jkt.isPresent()));
    }

    /** RFC 7636 §4.6; a verifier without a challenge is refused too (RFC 9700 §2.1.1, downgrade). */
    private static Optional<OAuthError> checkPkce(Optional<String> challenge, Optional<String> verifier) {
        if (challenge.isEmpty() && verifier.isEmpty()) return Optional.empty();
        if (challenge.isEmpty()) return Optional.of(new OAuthError.InvalidGrant("code_verifier sent but no code_challenge was"));
        if (verifier.isEmpty()) return Optional.of(new OAuthError.InvalidGrant("code_verifier is required"));
        return Pkce.matches(verifier.get(), challenge.get())
                ? Optional.empty()
                : Optional.of(new OAuthError.InvalidGrant("code_verifier does not match the code_challenge"));
    }
}
