package dev.portcullis.endsession;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.portcullis.apps.App;
import dev.portcullis.apps.ClientLookup;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.Params;
import dev.portcullis.keys.KeyRing;
import dev.portcullis.oauth.RedirectUri;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A validated logout request (RP-Initiated Logout §2-3). The client is named by the
 * {@code id_token_hint}'s audience or by {@code client_id}; a {@code post_logout_redirect_uri} is
 * honoured only when it is exactly one of that client's registered redirect URIs (loopback on any
 * port, as at authorization), so this endpoint can never be an open redirector.
 */
record LogoutRequest(Optional<String> clientId, Optional<String> returnTo, Optional<String> state) {
    private static final int MAX_STATE = 2000;

    static LogoutRequest parse(Params params, KeyRing keys, String issuer, ClientLookup clients) {
        Optional<String> hinted = params.get("id_token_hint").map(hint -> audience(hint, keys, issuer));
        Optional<String> named = params.get("client_id");
        if (hinted.isPresent() && named.isPresent() && !hinted.equals(named)) {
            throw OAuthException.invalidRequest("client_id is not the audience of id_token_hint");
        }
        Optional<String> clientId = hinted.or(() -> named);
        Optional<String> state = params.get("state");
        if (state.filter(s -> s.length() > MAX_STATE).isPresent()) throw OAuthException.invalidRequest("state is too long");
        Optional<String> returnTo = params.get("post_logout_redirect_uri").map(uri -> registered(uri, clientId, clients));
        return new LogoutRequest(clientId, returnTo, state);
    }

    /** Where the user goes afterwards, with {@code state} as sent (§3). */
    Optional<String> redirect() {
        return returnTo.map(uri -> uri + state.map(s -> (uri.contains("?") ? "&" : "?") + "state="
                + URLEncoder.encode(s, StandardCharsets.UTF_8)).orElse(""));
    }

    /** An ID token we signed, for this issuer; it may have expired (§2: a hint, not a credential). */
    private static String audience(String hint, KeyRing keys, String issuer) {
        // typ JWT, as our ID tokens are signed: an access token (at+jwt, RFC 9068) is no hint.
        JWTClaimsSet claims = keys.verify(hint, JOSEObjectType.JWT).filter(c -> issuer.equals(c.getIssuer()))
                .orElseThrow(() -> OAuthException.invalidRequest("id_token_hint is not an ID token from this server"));
        List<String> audience = claims.getAudience();
        if (audience == null || audience.size() != 1) throw OAuthException.invalidRequest("id_token_hint has no single audience");
        return audience.getFirst();
    }

    private static String registered(String uri, Optional<String> clientId, ClientLookup clients) {
        App app = clientId.flatMap(clients::find)
                .orElseThrow(() -> OAuthException.invalidRequest("post_logout_redirect_uri needs id_token_hint or client_id"));
        return RedirectUri.match(uri, app.redirectUris()).map(match -> uri)
                .orElseThrow(() -> OAuthException.invalidRequest("post_logout_redirect_uri is not registered for this client"));
    }
}
