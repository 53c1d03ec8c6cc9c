package dev.portcullis.exchange;

import dev.portcullis.clientauth.ClientKeys;
import java.time.Instant;
import java.util.List;

/**
 * An issuer whose JWTs the jwt-bearer grant accepts (RFC 7523 §3): its keys (inline or
 * {@code jwks_uri}), the {@code aud} values it may use (empty: this server's issuer or token
 * endpoint), and the clients that may present its assertions.
 */
public record TrustedIssuer(String id, String issuer, ClientKeys keys, List<String> audiences, List<String> clientIds,
                            Instant createdAt, Instant updatedAt) {
    public TrustedIssuer {
        audiences = List.copyOf(audiences);
        clientIds = List.copyOf(clientIds);
    }
}
