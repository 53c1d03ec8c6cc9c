package dev.portcullis.federation;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Optional;

/** The upstream_logins table: sign-ins sent to an upstream provider, each usable once. */
public interface UpstreamLoginRepository {

    /** What the callback needs back: the nonce and PKCE verifier sent with the request, and where to go after. */
    record Pending(String providerId, String nonce, String codeVerifier, String returnTo, Instant expiresAt) {
        @Override
        public String toString() {
            return "Pending[" + providerId + "]";
        }
    }

    void insert(Tx tx, SecretHash state, SecretHash browser, Pending pending, Instant now);

    /** Deletes and returns the sign-in named by {@code state} when {@code browser} started it and it has not expired. */
    Optional<Pending> consume(Tx tx, SecretHash state, SecretHash browser, Instant now);

    /** The return_to of the newest live sign-in this browser started, to resume from a callback that names none of them. */
    Optional<String> latestReturnTo(Tx tx, SecretHash browser, Instant now);

    int deleteExpired(Tx tx, Instant now);
}
