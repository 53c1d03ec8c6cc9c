package dev.portcullis.federation;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Optional;

/** Pending upstream sign-ins in SQL; consuming one is a single DELETE ... RETURNING, so a state works once. */
public final class SqlUpstreamLoginRepository implements UpstreamLoginRepository {

    @Override
    public void insert(Tx tx, SecretHash state, SecretHash browser, Pending p, Instant now) {
        tx.update("INSERT INTO upstream_logins (state_hash, browser_hash, provider_id, nonce, code_verifier, return_to, created_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", state.hex(), browser.hex(), p.providerId(), p.nonce(), p.codeVerifier(), p.returnTo(),
                now, p.expiresAt());
    }

    @Override
    public Optional<Pending> consume(Tx tx, SecretHash state, SecretHash browser, Instant now) {
        return tx.queryOne("DELETE FROM upstream_logins WHERE state_hash = ? AND browser_hash = ? AND expires_at > ? "
                        + "RETURNING provider_id, nonce, code_verifier, return_to, expires_at",
                r -> new Pending(r.text("provider_id"), r.text("nonce"), r.text("code_verifier"), r.text("return_to"), r.instant("expires_at")),
                state.hex(), browser.hex(), now);
    }

    @Override
    public Optional<String> latestReturnTo(Tx tx, SecretHash browser, Instant now) {
        return tx.query("SELECT return_to FROM upstream_logins WHERE browser_hash = ? AND expires_at > ? ORDER BY created_at DESC LIMIT 1",
                r -> r.text("return_to"), browser.hex(), now).stream().findFirst();
    }

    @Override
    public int deleteExpired(Tx tx, Instant now) {
        return tx.update("DELETE FROM upstream_logins WHERE expires_at <= ?", now);
    }
}
