package dev.portcullis.authorize;

import dev.portcullis.oauth.ResponseMode;
import dev.portcullis.oauth.ResponseType;
import dev.portcullis.userinfo.ClaimsRequest;
import dev.portcullis.userinfo.UserClaims;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A fully validated authorization request (RFC 6749 §4.1.1 + PKCE + OIDC, claims and acr_values included, + RFC 8707, + RFC 9449 §10 dpop_jkt). */
record AuthorizeRequest(
        String clientId,
        String redirectUri,
        Optional<String> state,
        List<String> scopes,
        Optional<String> nonce,
        Optional<String> codeChallenge,
        Set<Prompt> prompt,
        Optional<String> resource,
        Optional<Long> maxAgeSeconds,
        Optional<String> loginHint,
        ResponseType responseType,
        ResponseMode responseMode,
        ClaimsRequest claims,
        List<String> acrValues,
        Optional<String> dpopJkt) {

    AuthorizeRequest {
        // Requests saved before these parameters existed are read back with them absent.
        maxAgeSeconds = maxAgeSeconds == null ? Optional.empty() : maxAgeSeconds;
        loginHint = loginHint == null ? Optional.empty() : loginHint;
        responseType = responseType == null ? ResponseType.CODE : responseType;
        responseMode = responseMode == null ? ResponseMode.QUERY : responseMode;
        claims = claims == null ? ClaimsRequest.NONE : claims;
        acrValues = acrValues == null ? List.of() : acrValues;
        dpopJkt = dpopJkt == null ? Optional.empty() : dpopJkt;
    }

    /**
     * What the person consents to: the scopes, plus the scopes of the claims the claims request
     * names (OIDC Core §5.5), so that "name" asked for by claim is consented to like "profile".
     */
    List<String> consentScopes() {
        return java.util.stream.Stream.concat(scopes.stream(), UserClaims.scopesNamedBy(claims).stream()).distinct().toList();
    }

    boolean has(Prompt p) {
        return prompt.contains(p);
    }
}
