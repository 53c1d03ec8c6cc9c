package dev.portcullis.accountsecurity;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Optional;

/** Mailed links by the SHA-256 of their token; redeeming one is a single UPDATE, so a link works once. */
public interface AccountTokenRepository {

    /** Who a link is for: the user, and the address it was mailed to. */
    record Holder(String userId, String email) {}

    void insert(Tx tx, SecretHash id, Purpose purpose, Holder holder, Instant createdAt, Instant expiresAt);

    /** The holder of an unused, unexpired link, without using it (to show the reset form). */
    Optional<Holder> findLive(Tx tx, SecretHash id, Purpose purpose, Instant now);

    /** Marks an unused, unexpired link used and answers its holder; empty when unknown, used, expired or of another purpose. */
    Optional<Holder> redeem(Tx tx, SecretHash id, Purpose purpose, Instant now);

    /** Deletes every link of {@code userId} for {@code purpose}, used or not: a newer one replaces them, or a reset is done. */
    int deleteAll(Tx tx, String userId, Purpose purpose);
}
