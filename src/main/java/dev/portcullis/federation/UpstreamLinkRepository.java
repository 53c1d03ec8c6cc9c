package dev.portcullis.federation;

import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Optional;

/** The upstream_links table: which Portcullis user an issuer's sub is (OIDC Core §2: sub is unique per issuer). */
public interface UpstreamLinkRepository {

    Optional<String> userOf(Tx tx, String issuer, String subject);

    /** Throws {@code UniqueViolation} when the (issuer, sub) is linked already. */
    void link(Tx tx, String issuer, String subject, String userId, String providerId, Instant now);
}
