package dev.portcullis.clientauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import dev.portcullis.error.OAuthException;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keys a client signs its assertions with (RFC 7591 §2): a JWK Set given by value
 * ({@code jwks}) or by reference ({@code jwks_uri}), never both, and optionally the one JWS
 * algorithm it will use ({@code token_endpoint_auth_signing_alg}). Public keys only: a private or
 * symmetric key is refused, so a leaked database never holds a client's signing key.
 */
public record ClientKeys(Optional<String> jwks, Optional<String> jwksUri, Optional<String> signingAlg) {
    public static final ClientKeys NONE = new ClientKeys(Optional.empty(), Optional.empty(), Optional.empty());

    /** Asymmetric only: none and the HMAC algorithms would need a shared secret Portcullis does not hold. */
    public static final List<JWSAlgorithm> ALGORITHMS = List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512, JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
    static final int MAX_KEYS = 20;
    static final int MAX_JWKS_CHARS = 32_000;
    static final int MIN_RSA_BITS = 2048;
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    public ClientKeys {
        require(jwks.isEmpty() || jwksUri.isEmpty(), "jwks", "Give jwks or jwks_uri, not both");
        jwks = jwks.map(ClientKeys::checkedKeySet);
        jwksUri.ifPresent(ClientKeys::checkUri);
        signingAlg.ifPresent(alg -> require(algorithm(alg).isPresent(), "token_endpoint_auth_signing_alg",
                "token_endpoint_auth_signing_alg must be one of " + names() + " (none and HMAC algorithms are refused)"));
    }

    public boolean hasKeys() {
        return jwks.isPresent() || jwksUri.isPresent();
    }

    /** The inline key set; it was checked on construction. */
    JWKSet keySet() {
        try {
            return JWKSet.parse(jwks.orElseThrow());
        } catch (ParseException e) {
            throw new IllegalStateException("a checked JWK Set no longer parses", e);
        }
    }

    /** The inline key set as a JSON object, for the answers that show an app's metadata. */
    public Optional<Map<String, Object>> jwksObject() {
        return jwks.map(j -> keySet().toJSONObject(true));
    }

    public static Optional<JWSAlgorithm> algorithm(String name) {
        return ALGORITHMS.stream().filter(a -> a.getName().equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALGORITHMS.stream().map(JWSAlgorithm::getName).toList();
    }

    /** Parses and checks a JWK Set; answers it as compact JSON of its public keys. */
    private static String checkedKeySet(String json) {
        require(json.length() <= MAX_JWKS_CHARS, "jwks", "jwks is larger than " + MAX_JWKS_CHARS + " characters");
        JWKSet set;
        try {
            set = JWKSet.parse(json);
        } catch (ParseException | RuntimeException e) {  // Nimbus throws NullPointerException for {"keys": [null]}
            throw OAuthException.validation("jwks", "jwks must be a JWK Set: {\"keys\": [...]} of RSA, EC or OKP public keys");
        }
        List<JWK> keys = set.getKeys();
        require(!keys.isEmpty() && keys.size() <= MAX_KEYS, "jwks", "jwks must hold 1 to " + MAX_KEYS + " keys");
        for (JWK key : keys) {
            require(!(key instanceof OctetSequenceKey), "jwks", "jwks must not hold symmetric (oct) keys");
            require(!key.isPrivate(), "jwks", "jwks must hold public keys only; a key has private key material");
            require(!(key instanceof RSAKey rsa) || rsa.size() >= MIN_RSA_BITS, "jwks",
                    "RSA keys must have at least " + MIN_RSA_BITS + " bits");
        }
        return set.toString(true);
    }

    /** https, or http on a loopback host (fetched only where the server allows private addresses, in development). */
    private static void checkUri(String value) {
        String message = "jwks_uri must be an https URL";
        require(value.length() <= 2000, "jwks_uri", message);
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw OAuthException.validation("jwks_uri", message);
        }
        boolean https = "https".equals(uri.getScheme());
        boolean loopback = "http".equals(uri.getScheme()) && uri.getHost() != null && LOOPBACK_HOSTS.contains(uri.getHost());
        require((https || loopback) && uri.getHost() != null && uri.getRawUserInfo() == null && uri.getRawFragment() == null,
                "jwks_uri", message);
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) throw OAuthException.validation(field, message);
    }
}
