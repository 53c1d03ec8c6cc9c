package dev.portcullis.device;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Row;
import dev.portcullis.storage.Tx;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** device_authorizations on SQLite and PostgreSQL; statuses are stored by their lower-case names. */
public final class SqlDeviceAuthorizationRepository implements DeviceAuthorizationRepository {
    /** RFC 8628 §3.5: each slow_down adds five seconds to the interval. */
    static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);
    private static final String COLUMNS = "device_code_hash, user_code_hash, app_id, scopes, status, connection_id, auth_time, amr, "
            + "interval_seconds, last_polled_at, created_at, expires_at";

    @Override
    public boolean insert(Tx tx, DeviceAuthorization a) {
        // A user code of an expired authorization may be given out again; a live one may not.
        tx.update("DELETE FROM device_authorizations WHERE user_code_hash = ? AND expires_at <= ?", a.userCodeHash().hex(),
                a.createdAt());
        return tx.update("INSERT INTO device_authorizations (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING",
                a.deviceCodeHash().hex(), a.userCodeHash().hex(), a.appId(), String.join(" ", a.scopes()), name(a.status()),
                a.connectionId().orElse(null), a.authTime().orElse(null), String.join(" ", a.amr()), a.interval().toSeconds(), a.lastPolledAt().orElse(null),
                a.createdAt(), a.expiresAt()) == 1;
    }

    @Override
    public Optional<DeviceAuthorization> findPending(Tx tx, SecretHash userCodeHash, Instant now) {
        return tx.queryOne("SELECT " + COLUMNS + " FROM device_authorizations WHERE user_code_hash = ? AND status = 'pending' "
                + "AND expires_at > ?", SqlDeviceAuthorizationRepository::authorization, userCodeHash.hex(), now);
    }

    @Override
    public boolean approve(Tx tx, SecretHash userCodeHash, String connectionId, Instant authTime, List<String> amr, Instant now) {
        return tx.update("UPDATE device_authorizations SET status = 'approved', connection_id = ?, auth_time = ?, amr = ? "
                + "WHERE user_code_hash = ? AND status = 'pending' AND expires_at > ?", connectionId, authTime, String.join(" ", amr),
                userCodeHash.hex(), now) == 1;
    }

    @Override
    public boolean deny(Tx tx, SecretHash userCodeHash, Instant now) {
        return tx.update("UPDATE device_authorizations SET status = 'denied' "
                + "WHERE user_code_hash = ? AND status = 'pending' AND expires_at > ?", userCodeHash.hex(), now) == 1;
    }

    @Override
    public Poll poll(Tx tx, SecretHash deviceCodeHash, String appId, Instant now) {
        Optional<DeviceAuthorization> won = tx.queryOne("UPDATE device_authorizations SET status = 'redeemed', last_polled_at = ? "
                + "WHERE device_code_hash = ? AND app_id = ? AND status = 'approved' AND expires_at > ? RETURNING " + COLUMNS,
                SqlDeviceAuthorizationRepository::authorization, now, deviceCodeHash.hex(), appId, now);
        if (won.isPresent()) return new Poll.Redeemed(won.get());
        Optional<DeviceAuthorization> found = tx.queryOne("SELECT " + COLUMNS + " FROM device_authorizations "
                + "WHERE device_code_hash = ? AND app_id = ?", SqlDeviceAuthorizationRepository::authorization, deviceCodeHash.hex(), appId);
        if (found.isEmpty()) return new Poll.Unknown();
        DeviceAuthorization a = found.get();
        if (a.status() == DeviceAuthorization.Status.REDEEMED) return new Poll.AlreadyRedeemed();
        if (a.expiredAt(now)) return new Poll.Expired();
        if (a.status() == DeviceAuthorization.Status.DENIED) return new Poll.Denied();
        boolean tooSoon = a.lastPolledAt().filter(last -> now.isBefore(last.plus(a.interval()))).isPresent();
        Duration interval = tooSoon ? a.interval().plus(SLOW_DOWN_STEP) : a.interval();
        tx.update("UPDATE device_authorizations SET last_polled_at = ?, interval_seconds = ? WHERE device_code_hash = ?",
                now, interval.toSeconds(), deviceCodeHash.hex());
        return tooSoon ? new Poll.SlowDown() : new Poll.Pending();
    }

    @Override
    public int deleteExpired(Tx tx, Instant before) {
        return tx.update("DELETE FROM device_authorizations WHERE expires_at <= ?", before);
    }

    private static DeviceAuthorization authorization(Row r) {
        return new DeviceAuthorization(new SecretHash(r.text("device_code_hash")), new SecretHash(r.text("user_code_hash")),
                r.text("app_id"), words(r.text("scopes")),
                DeviceAuthorization.Status.valueOf(r.text("status").toUpperCase(Locale.ROOT)), r.optionalText("connection_id"),
                r.optionalInstant("auth_time"), words(r.text("amr")), Duration.ofSeconds(r.number("interval_seconds")), r.optionalInstant("last_polled_at"),
                r.instant("created_at"), r.instant("expires_at"));
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : Arrays.asList(text.trim().split(" +"));
    }

    private static String name(DeviceAuthorization.Status status) {
        return status.name().toLowerCase(Locale.ROOT);
    }
}
