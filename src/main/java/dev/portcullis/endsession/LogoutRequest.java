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
 * A validated logout request (RP-Initiated Logout §2-3). A {@code post_logout_redirect_uri} is
 * honoured only with a valid {@code id_token_hint} (an ID token we issued to that client) and only
 * when it is one of that client's registered redirect URIs (loopback on any port, as at
 * authorization). Anyone may register a client, so for a self-registered one the hint must also
 * name the person who is signed in: otherwise a stranger's client and token would make this
 * endpoint a redirector to any site.
 */
record LogoutRequest(Optional<String> hint, Optional<String> clientId, Optional<String> returnTo, Optional<String> state) {
    private static final int MAX_STATE = 2000;

    /** What a verified hint says: the client it was issued to and the person it is about. */
    private record Hint(String clientId, String subject) {}

    static LogoutRequest parse(Params params, KeyRing keys, String issuer, ClientLookup clients, Optional<String> signedInUser) {
        Optional<String> hint = params.get("id_token_hint");
        Optional<Hint> hinted = hint.map(h -> verify(h, keys, issuer));
        Optional<String> named = params.get("client_id");
        if (hinted.isPresent() && named.isPresent() && !hinted.get().clientId().equals(named.get())) {
            throw OAuthException.invalidRequest("client_id is not the audience of id_token_hint");
        }
        Optional<String> state = params.get("state");
        if (state.filter(s -> s.length() > MAX_STATE).isPresent()) throw OAuthException.invalidRequest("state is too long");
        Optional<String> returnTo = params.get("post_logout_redirect_uri").map(uri -> {
            Hint h = hinted.orElseThrow(() -> OAuthException.invalidRequest("post_logout_redirect_uri needs an id_token_hint"));
            return registered(uri, h, clients, signedInUser);
        });
        return new LogoutRequest(hint, hinted.map(Hint::clientId).or(() -> named), returnTo, state);
    }

    /** Where the user goes afterwards, with {@code state} as sent (§3). */
    Optional<String> redirect() {
        return returnTo.map(uri -> uri + state.map(s -> (uri.contains("?") ? "&" : "?") + "state="
                + URLEncoder.encode(s, StandardCharsets.UTF_8)).orElse(""));
    }

    /** An ID token we signed (typ JWT, so no access token), for this issuer; it may have expired (§2: a hint). */
    private static Hint verify(String hint, KeyRing keys, String issuer) {
        JWTClaimsSet claims = keys.verify(hint, JOSEObjectType.JWT).filter(c -> issuer.equals(c.getIssuer()))
                .orElseThrow(() -> OAuthException.invalidRequest("id_token_hint is not an ID token from this server"));
        List<String> audience = claims.getAudience();
        if (audience == null || audience.size() != 1 || claims.getSubject() == null) {
            throw OAuthException.invalidRequest("id_token_hint has no single audience and subject");
        }
        return new Hint(audience.getFirst(), claims.getSubject());
    }

    private static String registered(String uri, Hint hint, ClientLookup clients, Optional<String> signedInUser) {
        App app = clients.find(hint.clientId())
                .orElseThrow(() -> OAuthException.invalidRequest("The client of id_token_hint is not known here"));
        if (app.selfRegistered() && !signedInUser.equals(Optional.of(hint.subject()))) {
            throw OAuthException.invalidRequest("A self-registered client's post_logout_redirect_uri needs its user signed in");
        }
        return RedirectUri.match(uri, app.redirectUris()).map(match -> uri)
                .orElseThrow(() -> OAuthException.invalidRequest("post_logout_redirect_uri is not registered for this client"));
    }
}
