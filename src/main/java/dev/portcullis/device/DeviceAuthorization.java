package dev.portcullis.device;

import dev.portcullis.secrets.SecretHash;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A device's request for access (RFC 8628 §3.1), as stored: the hashes of its two codes, the app
 * and scopes asked for, and how far it got. {@code connectionId} and {@code authTime} are set once
 * a person approved it, with {@code amr}, how that person's login session was authenticated (OIDC
 * amr, empty before approval or when unknown); {@code interval} is the polling pace, raised by each slow_down.
 */
public record DeviceAuthorization(SecretHash deviceCodeHash, SecretHash userCodeHash, String appId, List<String> scopes,
                                  Status status, Optional<String> connectionId, Optional<Instant> authTime, List<String> amr, Duration interval,
                                  Optional<Instant> lastPolledAt, Instant createdAt, Instant expiresAt) {

    public DeviceAuthorization {
        scopes = List.copyOf(scopes);
        amr = List.copyOf(amr);
    }

    public enum Status { PENDING, APPROVED, DENIED, REDEEMED }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
