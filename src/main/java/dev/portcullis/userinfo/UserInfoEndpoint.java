package dev.portcullis.userinfo;

import dev.portcullis.credentials.AccessTokenCredential;
import dev.portcullis.credentials.ApiKeyCredential;
import dev.portcullis.credentials.AuthorizationHeader;
import dev.portcullis.credentials.Credential;
import dev.portcullis.credentials.CredentialResolver;
import dev.portcullis.credentials.RefreshTokenCredential;
import dev.portcullis.dpop.BoundTokens;
import dev.portcullis.dpop.DPoPProofs;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Json;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.User;
import dev.portcullis.scopes.Scope;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code GET} and {@code POST /oauth2/userinfo} (OIDC Core §5.3): the claims about the user an
 * access token with {@code openid} was granted for, released by its scopes and by the claims
 * request (OIDC Core §5.5) its grant was authorized with. The token comes in
 * the Authorization header (Bearer, or DPoP with its proof, RFC 9449 §7.1), or for POST as the
 * {@code access_token} form field (RFC 6750 §2.2).
 * An app that registered {@code userinfo_signed_response_alg} gets the claims as a signed JWT (§5.3.2).
 */
public final class UserInfoEndpoint implements Routes {
    private static final Scope OPENID = new Scope("openid");
    private static final HeaderName DPOP = HeaderNames.create(DPoPProofs.HEADER);

    private final CredentialResolver resolver;
    private final IdentityService identity;
    private final Function<String, ClaimsRequest> claimsOfGrant;
    private final SignedUserInfo signed;
    private final BoundTokens boundTokens;

    /** {@code claimsOfGrant}: the claims request a grant (token family) was authorized with. */
    public UserInfoEndpoint(CredentialResolver resolver, IdentityService identity, Function<String, ClaimsRequest> claimsOfGrant,
                            SignedUserInfo signed, BoundTokens boundTokens) {
        this.boundTokens = boundTokens;
        this.resolver = resolver;
        this.identity = identity;
        this.claimsOfGrant = claimsOfGrant;
        this.signed = signed;
    }

    @Override
    public void mount(RouteTable r) {
        r.get("/oauth2/userinfo", this::handle);
        r.post("/oauth2/userinfo", this::handle);
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.OAUTH_JSON;
    }

    private void handle(ServerRequest req, ServerResponse res) {
        AccessTokenCredential token = accessToken(req);
        if (!token.scopes().grants(OPENID)) throw new OAuthException(new OAuthError.InsufficientScope(List.of("openid")));
        // openid is refused to client_credentials, so a token with it always has a user behind it.
        Credential.UserGrant grant = token.grant().orElseThrow(() -> invalid("The token has no user"));
        User user = identity.findUser(grant.userId()).orElseThrow(() -> invalid("The token has no user"));
        Map<String, Object> claims = UserClaims.forUserInfo(user, token.scopes().names(), claimsOfGrant.apply(grant.grantId()));
        Optional<String> jws = signed.sign(token.clientId(), claims);
        if (jws.isEmpty()) {
            Json.send(res, 200, claims);
            return;
        }
        res.status(200);
        res.header(HeaderNames.CONTENT_TYPE, "application/jwt");
        res.send(jws.get().getBytes(StandardCharsets.US_ASCII));
    }

    private AccessTokenCredential accessToken(ServerRequest req) {
        AuthorizationHeader header = AuthorizationHeader.parse(req.headers().all(HeaderNames.AUTHORIZATION, List::of));
        Optional<String> presented = header.accessToken();
        if (presented.isEmpty() && req.prologue().method() == Method.POST) presented = Params.body(req).get("access_token");
        Credential credential = resolver.resolve(presented.orElseThrow(() -> invalid("Missing access token")))
                .orElseThrow(() -> invalid("The access token is invalid, expired or revoked"));
        boundTokens.check(header, credential, req.headers().all(DPOP, List::of), req.prologue().method().text(), req.path().rawPath());
        return switch (credential) {
            case AccessTokenCredential token -> token;
            case ApiKeyCredential key -> throw invalid("UserInfo needs an OAuth access token, not an API key");
            case RefreshTokenCredential refresh -> throw invalid("UserInfo needs an access token, not a refresh token");
        };
    }

    private static OAuthException invalid(String description) {
        return new OAuthException(new OAuthError.InvalidToken(description));
    }
}
