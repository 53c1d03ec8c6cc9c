package dev.portcullis.mfa;

import dev.portcullis.events.Actor;
import dev.portcullis.events.EventDraft;
import dev.portcullis.events.EventLog;
import dev.portcullis.events.EventType;
import dev.portcullis.keys.KeyRing;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Database;
import dev.portcullis.storage.Tx;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A user's second factors: enrolling a TOTP authenticator (a proposed secret, confirmed by a first
 * code, which returns the recovery codes once), checking a code at login (TOTP, each step once, or
 * a recovery code, each once), and removing them. The TOTP secret is sealed with the master key
 * and bound to its user, so a sealed value copied to another row does not open.
 */
public final class SecondFactors {
    public static final int RECOVERY_CODES = 10;
    private final Database db;
    private final TotpRepository totps;
    private final RecoveryCodeRepository recoveryCodes;
    private final KeyRing keys;
    private final Totp totp = new Totp();
    private final String issuerName;
    private final Clock clock;
    private final SecureRandom random;
    private final EventLog events;

    /** What enrolment shows: the secret as text, the otpauth URI, and that URI as a QR code (inline SVG). */
    public record Enrolment(String secret, String uri, String qrSvg) {}

    /** How a code at login went. */
    public enum Check { TOTP, RECOVERY_CODE, REFUSED }

    public SecondFactors(Database db, TotpRepository totps, RecoveryCodeRepository recoveryCodes, KeyRing keys, URI issuer,
                         Clock clock, SecureRandom random, EventLog events) {
        this.db = db;
        this.totps = totps;
        this.recoveryCodes = recoveryCodes;
        this.keys = keys;
        this.issuerName = issuer.getHost() == null ? "Portcullis" : issuer.getHost();
        this.clock = clock;
        this.random = random;
        this.events = events;
    }

    /** Whether login asks this user for a second factor. */
    public boolean enrolled(String userId) {
        return db.read(tx -> totps.find(tx, userId)).filter(TotpRepository.Stored::confirmed).isPresent();
    }

    public long recoveryCodesLeft(String userId) {
        return db.read(tx -> recoveryCodes.unused(tx, userId));
    }

    /** A new secret to scan (replacing an unconfirmed one); empty when the user already has a confirmed authenticator. */
    public Optional<Enrolment> propose(String userId, String accountName) {
        byte[] secret = new byte[20]; // 160 bits, the HMAC-SHA-1 key length RFC 4226 §4 recommends
        random.nextBytes(secret);
        String text = Totp.base32(secret);
        boolean proposed = db.inTransaction(tx -> totps.propose(tx, userId, keys.sealSecret(label(userId), text), clock.instant()));
        if (!proposed) return Optional.empty();
        return Optional.of(enrolment(text, accountName));
    }

    /** The proposed, still unconfirmed enrolment, shown again (after a wrong first code). */
    public Optional<Enrolment> proposed(String userId, String accountName) {
        return db.read(tx -> totps.find(tx, userId)).filter(t -> !t.confirmed())
                .flatMap(t -> keys.openSecret(label(userId), t.sealedSecret())).map(text -> enrolment(text, accountName));
    }

    /** Confirms the proposed secret with its first code; the new recovery codes, shown once, or empty when the code is wrong. */
    public Optional<List<String>> confirm(String userId, String code, Actor.Origin origin) {
        Instant now = clock.instant();
        var pending = db.read(tx -> totps.find(tx, userId)).filter(t -> !t.confirmed());
        if (pending.isEmpty()) return Optional.empty();
        OptionalLong step = secret(pending.get()).map(s -> totp.matchingStep(s, code, now)).orElse(OptionalLong.empty());
        if (step.isEmpty()) return Optional.empty();
        List<String> codes = newRecoveryCodes();
        boolean done = db.inTransaction(tx -> {
            if (!totps.confirm(tx, userId, step.getAsLong(), now)) return false;
            recoveryCodes.replace(tx, userId, codes.stream().map(SecondFactors::hash).toList());
            record(tx, EventType.TOTP_ENROLLED, userId, origin);
            return true;
        });
        return done ? Optional.of(codes) : Optional.empty();
    }

    /** A code typed at login: a TOTP code not used before, or an unused recovery code (then used up). */
    public Check check(String userId, String typed) {
        Instant now = clock.instant();
        var stored = db.read(tx -> totps.find(tx, userId)).filter(TotpRepository.Stored::confirmed);
        if (stored.isEmpty()) return Check.REFUSED;
        Optional<byte[]> secret = secret(stored.get());
        if (secret.isPresent()) {
            OptionalLong step = totp.matchingStep(secret.get(), typed, now);
            if (step.isPresent()) {
                // A matching code of a step already used is a replay (RFC 6238 §5.2), refused.
                return db.inTransaction(tx -> totps.use(tx, userId, step.getAsLong())) ? Check.TOTP : Check.REFUSED;
            }
        }
        String normalized = normalizeRecoveryCode(typed);
        if (normalized.length() != 16) return Check.REFUSED;
        return db.inTransaction(tx -> recoveryCodes.use(tx, userId, hash(normalized), now)) ? Check.RECOVERY_CODE : Check.REFUSED;
    }

    /** New recovery codes for an enrolled user, the old ones void; empty when the user has no authenticator. */
    public Optional<List<String>> renewRecoveryCodes(String userId, Actor.Origin origin) {
        if (!enrolled(userId)) return Optional.empty();
        List<String> codes = newRecoveryCodes();
        db.inTransaction(tx -> {
            recoveryCodes.replace(tx, userId, codes.stream().map(SecondFactors::hash).toList());
            record(tx, EventType.RECOVERY_CODES_RENEWED, userId, origin);
            return null;
        });
        return Optional.of(codes);
    }

    /** Removes the authenticator and the recovery codes: login asks for the password alone again. */
    public boolean remove(String userId, Actor.Origin origin) {
        return db.inTransaction(tx -> {
            recoveryCodes.deleteAll(tx, userId);
            boolean removed = totps.delete(tx, userId);
            if (removed) record(tx, EventType.TOTP_REMOVED, userId, origin);
            return removed;
        });
    }

    /** The user changed their own factors: they act, and the account is what changed. */
    private void record(Tx tx, EventType type, String userId, Actor.Origin origin) {
        events.record(tx, EventDraft.of(type, Actor.user(userId, origin)).about("user", userId));
    }

    private Optional<byte[]> secret(TotpRepository.Stored stored) {
        return keys.openSecret(label(stored.userId()), stored.sealedSecret()).map(Totp::fromBase32);
    }

    private Enrolment enrolment(String secret, String accountName) {
        String label = enc(issuerName) + ":" + enc(accountName);
        // The Key Uri Format authenticator apps read: otpauth://totp/Issuer:account?secret=..&issuer=..
        String uri = "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + enc(issuerName)
                + "&algorithm=SHA1&digits=" + Totp.DIGITS + "&period=" + Totp.STEP.toSeconds();
        return new Enrolment(secret, uri, QrCode.svg(uri, "QR code of your authenticator secret"));
    }

    /** 16 base32 characters (80 random bits) each, shown in groups of four. */
    private List<String> newRecoveryCodes() {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < RECOVERY_CODES; i++) {
            byte[] bytes = new byte[10];
            random.nextBytes(bytes);
            String text = Totp.base32(bytes).toLowerCase(Locale.ROOT);
            codes.add(String.join("-", text.substring(0, 4), text.substring(4, 8), text.substring(8, 12), text.substring(12, 16)));
        }
        return codes;
    }

    /** As typed: spaces and dashes ignored, any case. */
    static String normalizeRecoveryCode(String typed) {
        return typed.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
    }

    private static SecretHash hash(String code) {
        return SecretHash.of(normalizeRecoveryCode(code));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String label(String userId) {
        return "totp:" + userId;
    }
}
