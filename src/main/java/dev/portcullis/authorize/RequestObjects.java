package dev.portcullis.authorize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.apps.App;
import dev.portcullis.clientauth.ClientKeys;
import dev.portcullis.clientauth.ClientSignatures;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.Json;
import dev.portcullis.http.RedirectedError;
import dev.portcullis.oauth.ValidatedRedirect;
import io.helidon.common.parameters.Parameters;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Request objects (OIDC Core §6, RFC 9101): the authorization request as a JWT the client signed,
 * by value ({@code request}) or by reference ({@code request_uri}, https; a {@code urn:} reference
 * from the PAR endpoint is redeemed before, see {@link PushedRequests}). Only signed objects, verified with
 * the client's registered keys; their parameters then replace the query's (OIDC Core §6.3.3), so
 * every later check reads one set of parameters.
 */
public final class RequestObjects {
    static final int MAX_CHARS = 16_000;
    static final int MAX_URI_CHARS = 2000;
    static final Duration SKEW = Duration.ofSeconds(60);
    /** Claims about the object itself, not parameters of the request it carries. */
    private static final Set<String> JWT_CLAIMS = Set.of("iss", "aud", "exp", "nbf", "iat", "jti", "sub");
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private final ClientSignatures signatures;
    private final RequestUriFetcher fetcher;
    private final String issuer;
    private final Clock clock;

    public RequestObjects(ClientSignatures signatures, RequestUriFetcher fetcher, String issuer, Clock clock) {
        this.signatures = signatures;
        this.fetcher = fetcher;
        this.issuer = issuer;
        this.clock = clock;
    }

    /**
     * The parameters in force: the query itself when it has no request object, else the query
     * overlaid with the object's. A refusal goes to {@code fallback}, the query's own redirect when
     * it is registered for the client, else to an error page.
     */
    Parameters resolve(App app, Parameters query, Optional<ValidatedRedirect> fallback) {
        List<String> byValue = values(query, "request");
        List<String> byReference = values(query, "request_uri");
        if (byValue.isEmpty() && byReference.isEmpty()) return query;
        Refusals refuse = new Refusals(fallback);
        if (!byValue.isEmpty() && !byReference.isEmpty()) throw refuse.with(invalidRequest("Send request or request_uri, not both"));
        if (byValue.size() > 1 || byReference.size() > 1) throw refuse.with(invalidRequest("request or request_uri is repeated"));
        String jwt = byValue.isEmpty() ? fetched(app, byReference.getFirst(), refuse) : byValue.getFirst();
        Map<String, List<String>> merged = new LinkedHashMap<>();
        for (String name : query.names()) {
            if (!name.equals("request") && !name.equals("request_uri")) merged.put(name, query.all(name));
        }
        merged.putAll(verified(app, query, jwt, refuse));
        return Parameters.create("authorize", merged);
    }

    /**
     * OIDC Core §6.2: an absolute https URL (http on loopback in development); its fragment is not
     * sent. It must be on the host of one of the client's redirect URIs (RFC 9101 §10.4.1), so
     * anyone who knows a client_id cannot make this server fetch from wherever they like.
     */
    private String fetched(App app, String requestUri, Refusals refuse) {
        URI uri;
        try {
            uri = new URI(requestUri);
        } catch (URISyntaxException e) {
            throw refuse.with(invalidUri("request_uri is not a valid URI"));
        }
        boolean https = "https".equals(uri.getScheme());
        boolean loopback = "http".equals(uri.getScheme()) && uri.getHost() != null && LOOPBACK_HOSTS.contains(uri.getHost());
        if (requestUri.length() > MAX_URI_CHARS || !(https || loopback) || uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw refuse.with(invalidUri("request_uri must be an https URL, or one the PAR endpoint gave"));
        }
        if (!onRedirectHost(app, uri.getHost())) {
            throw refuse.with(invalidUri("request_uri must be on the host of one of the app's redirect URIs"));
        }
        try {
            // Cut as text: URI's multi-part constructors would escape the '%' of escapes already there.
            int hash = requestUri.indexOf('#');
            byte[] body = fetcher.fetch(new URI(hash < 0 ? requestUri : requestUri.substring(0, hash)));
            return new String(body, StandardCharsets.UTF_8).trim();
        } catch (RequestUriFetcher.Failure e) {
            throw refuse.with(invalidUri("The request object at request_uri could not be fetched"), e.getMessage());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw refuse.with(invalidUri("request_uri is not a valid URI"));
        }
    }

    private static boolean onRedirectHost(App app, String host) {
        return app.redirectUris().stream().anyMatch(r -> {
            try {
                return host.equalsIgnoreCase(String.valueOf(new URI(r.value()).getHost()));
            } catch (URISyntaxException e) {
                return false;
            }
        });
    }

    /** The object's parameters, once its signature and claims hold (OIDC Core §6.1, RFC 9101 §6.3). */
    private Map<String, List<String>> verified(App app, Parameters query, String presented, Refusals refuse) {
        if (presented.length() > MAX_CHARS) throw refuse.with(invalidObject("The request object is longer than " + MAX_CHARS + " characters"));
        JWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = JWTParser.parse(presented);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw refuse.with(invalidObject("The request object is not a JWT"));
        }
        if (jwt instanceof EncryptedJWT) throw refuse.with(invalidObject("Encrypted request objects are not supported; sign it instead"));
        if (!(jwt instanceof SignedJWT signed)) throw refuse.with(invalidObject("The request object must be signed; alg none is not accepted"));
        JWSAlgorithm alg = signed.getHeader().getAlgorithm();
        if (!ClientKeys.ALGORITHMS.contains(alg)) {
            throw refuse.with(invalidObject("The request object's alg " + alg + " is not accepted; use one of " + ClientKeys.names()));
        }
        // FAPI 2.0 Security Profile §5.4.1: PS256 or ES256 only.
        if (app.assurance().fapi2() && !(JWSAlgorithm.PS256.equals(alg) || JWSAlgorithm.ES256.equals(alg))) {
            throw refuse.with(invalidObject("A FAPI 2.0 app's request objects must be signed with PS256 or ES256"));
        }
        if (!app.clientKeys().hasKeys()) {
            throw refuse.with(invalidObject("The client has no registered keys (jwks or jwks_uri) to verify a request object with"));
        }
        signatures.failure(signed, app.clientKeys()).ifPresent(reason -> {
            throw refuse.with(invalidObject("The request object's signature does not verify with the client's registered keys"), reason);
        });
        checkClaims(app, query, claims, refuse);
        return parameters(signed, refuse);
    }

    private void checkClaims(App app, Parameters query, JWTClaimsSet claims, Refusals refuse) {
        Instant now = clock.instant();
        if (claims.getIssuer() != null && !claims.getIssuer().equals(app.clientId())) {
            throw refuse.with(invalidObject("The request object's iss must be the client_id"));
        }
        if (!claims.getAudience().isEmpty() && !claims.getAudience().contains(issuer)) {
            throw refuse.with(invalidObject("The request object's aud must name this server, " + issuer));
        }
        if (instant(claims.getExpirationTime()).filter(exp -> !exp.isAfter(now.minus(SKEW))).isPresent()) {
            throw refuse.with(invalidObject("The request object has expired"));
        }
        if (instant(claims.getNotBeforeTime()).filter(nbf -> nbf.isAfter(now.plus(SKEW))).isPresent()) {
            throw refuse.with(invalidObject("The request object is not valid yet (nbf)"));
        }
        // OIDC Core §6.1: client_id and response_type are in the query too, and must match the object's.
        for (String name : List.of("client_id", "response_type")) {
            Object inside = claims.getClaim(name);
            if (inside != null && query.contains(name) && !inside.equals(query.get(name))) {
                throw refuse.with(invalidObject("The request object's " + name + " differs from the request's"));
            }
        }
        if (claims.getClaim("request") != null || claims.getClaim("request_uri") != null) {
            throw refuse.with(invalidObject("A request object must not contain request or request_uri"));
        }
    }

    /** Every claim but the JWT's own, as text: a JSON string as itself, a number or object (claims) as its JSON text. */
    private static Map<String, List<String>> parameters(SignedJWT jwt, Refusals refuse) {
        JsonNode payload;
        try {
            payload = Json.MAPPER.readTree(jwt.getPayload().toString());
        } catch (JsonProcessingException e) {
            throw refuse.with(invalidObject("The request object's claims are not a JSON object"));
        }
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        payload.properties().forEach(claim -> {
            JsonNode value = claim.getValue();
            if (JWT_CLAIMS.contains(claim.getKey()) || value.isNull()) return;
            parameters.put(claim.getKey(), List.of(value.isTextual() ? value.asText() : value.toString()));
        });
        return parameters;
    }

    /** Nimbus parsed exp and nbf into dates (a non-numeric one is "not a JWT"). */
    private static Optional<Instant> instant(Date date) {
        return Optional.ofNullable(date).map(Date::toInstant);
    }

    private static List<String> values(Parameters query, String name) {
        return query.contains(name) ? query.all(name) : List.of();
    }

    private static OAuthError invalidRequest(String description) {
        return new OAuthError.InvalidRequest(description);
    }

    private static OAuthError invalidObject(String description) {
        return new OAuthError.InvalidRequestObject(description);
    }

    private static OAuthError invalidUri(String description) {
        return new OAuthError.InvalidRequestUri(description);
    }

    /** Where a refusal goes: back to the query's registered redirect URI, or, without one, to an error page. */
    private record Refusals(Optional<ValidatedRedirect> redirect) {
        OAuthException with(OAuthError error) {
            return with(error, null);
        }

        OAuthException with(OAuthError error, String detail) {
            return redirect.map(r -> RedirectedError.to(r, error, detail)).orElseGet(() -> new OAuthException(error, detail));
        }
    }
}
