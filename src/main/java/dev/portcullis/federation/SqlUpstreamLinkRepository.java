package dev.portcullis.federation;

import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Optional;

/** Links in SQL, keyed by (issuer, subject). */
public final class SqlUpstreamLinkRepository implements UpstreamLinkRepository {

    @Override
    public Optional<String> userOf(Tx tx, String issuer, String subject) {
        return tx.queryOne("SELECT user_id FROM upstream_links WHERE issuer = ? AND subject = ?", r -> r.text("user_id"), issuer, subject);
    }

    @Override
    public void link(Tx tx, String issuer, String subject, String userId, String providerId, Instant now) {
        tx.update("INSERT INTO upstream_links (issuer, subject, user_id, provider_id, created_at) VALUES (?, ?, ?, ?, ?)",
                issuer, subject, userId, providerId, now);
    }
}
