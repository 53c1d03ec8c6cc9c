package dev.portcullis.token;

import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.Params;
import dev.portcullis.oauth.GrantType;
import java.util.Optional;

/** A token request parsed once (RFC 6749 §4.1.3, §6, §4.4.2, RFC 8628 §3.4); nothing reads raw parameters after this. */
public sealed interface TokenRequest {
    GrantType grantType();

    record AuthorizationCode(String code, String redirectUri, Optional<String> codeVerifier, Optional<String> resource)
            implements TokenRequest {
        public GrantType grantType() { return GrantType.AUTHORIZATION_CODE; }
    }

    record Refresh(String refreshToken, Optional<String> scope, Optional<String> resource) implements TokenRequest {
        public GrantType grantType() { return GrantType.REFRESH_TOKEN; }
    }

    record ClientCredentials(Optional<String> scope, Optional<String> resource) implements TokenRequest {
        public GrantType grantType() { return GrantType.CLIENT_CREDENTIALS; }
    }

    /** RFC 8628 §3.4. */
    record DeviceCode(String deviceCode) implements TokenRequest {
        public GrantType grantType() { return GrantType.DEVICE_CODE; }
    }

    /** RFC 8693 §2.1; the token-type parameters are checked by the grant, which knows the types it takes. */
    record TokenExchange(String subjectToken, String subjectTokenType, Optional<String> actorToken,
                         Optional<String> actorTokenType, Optional<String> requestedTokenType, Optional<String> resource,
                         Optional<String> audience, Optional<String> scope) implements TokenRequest {
        public GrantType grantType() { return GrantType.TOKEN_EXCHANGE; }
    }

    /** RFC 7523 §2.1 (and ID-JAG); {@code workspace} picks the user's workspace when the assertion does not. */
    record JwtBearer(String assertion, Optional<String> scope, Optional<String> resource, Optional<String> workspace)
            implements TokenRequest {
        public GrantType grantType() { return GrantType.JWT_BEARER; }
    }

    static TokenRequest parse(Params p) {
        String name = p.require("grant_type");
        GrantType grant = GrantType.fromWire(name).filter(GrantType::isTokenGrant).orElseThrow(() -> new OAuthException(
                new OAuthError.UnsupportedGrantType("Unsupported grant_type: " + name)));
        return switch (grant) {
            case AUTHORIZATION_CODE -> new AuthorizationCode(p.require("code"), p.require("redirect_uri"),
                    p.get("code_verifier"), p.get("resource"));
            case REFRESH_TOKEN -> new Refresh(p.require("refresh_token"), p.get("scope"), p.get("resource"));
            case CLIENT_CREDENTIALS -> new ClientCredentials(p.get("scope"), p.get("resource"));
            case DEVICE_CODE -> new DeviceCode(p.require("device_code"));
            case TOKEN_EXCHANGE -> new TokenExchange(p.require("subject_token"), p.require("subject_token_type"),
                    p.get("actor_token"), p.get("actor_token_type"), p.get("requested_token_type"), p.get("resource"),
                    p.get("audience"), p.get("scope"));
            case JWT_BEARER -> new JwtBearer(p.require("assertion"), p.get("scope"), p.get("resource"), p.get("workspace"));
            case IMPLICIT -> throw new IllegalStateException("filtered above: implicit is not a token grant");
        };
    }
}
