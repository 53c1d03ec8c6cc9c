package dev.portcullis.device;

import dev.portcullis.apps.App;
import dev.portcullis.config.Config;
import dev.portcullis.connections.Connection;
import dev.portcullis.connections.ConnectionService;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.WorkspaceAccess;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.storage.Database;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Starts device authorizations (RFC 8628 §3.1-3.2) and records a person's decision on one
 * (§3.3). Approving records a connection, as the code flow's consent does, so the device's tokens
 * are listed under connected apps and die with the connection.
 */
public final class DeviceAuthorizations {
    private static final int MINT_ATTEMPTS = 5;
    private static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);
    private final Database db;
    private final DeviceAuthorizationRepository authorizations;
    private final ConnectionService connections;
    private final IdentityService identity;
    private final SecureRandom random;
    private final Clock clock;
    private final Config.Device settings;

    public DeviceAuthorizations(Database db, DeviceAuthorizationRepository authorizations, ConnectionService connections,
                                IdentityService identity, SecureRandom random, Clock clock, Config.Device settings) {
        this.db = db;
        this.authorizations = authorizations;
        this.connections = connections;
        this.identity = identity;
        this.random = random;
        this.clock = clock;
        this.settings = settings;
    }

    /** What the device is told (RFC 8628 §3.2); the device_code is in no other hand. */
    public record Started(Token deviceCode, UserCode userCode, Duration expiresIn, Duration interval) {}

    Started start(App app, List<String> scopes) {
        Instant now = clock.instant();
        Token deviceCode = Token.mint(TokenKind.DEVICE_CODE, random);
        // 20^8 codes, so a clash with a live one is rare; a few fresh draws settle it.
        for (int attempt = 0; attempt < MINT_ATTEMPTS; attempt++) {
            UserCode userCode = UserCode.mint(random);
            var authorization = new DeviceAuthorization(deviceCode.hash(), userCode.hash(), app.clientId(), scopes,
                    DeviceAuthorization.Status.PENDING, Optional.empty(), Optional.empty(), List.of(), settings.interval(), Optional.empty(),
                    now, now.plus(settings.codeTtl()));
            boolean inserted = db.inTransaction(tx -> {
                // Kept a day past expiry, so a late poll still hears expired_token (RFC 8628 §3.5), then swept.
                authorizations.deleteExpired(tx, now.minus(KEPT_AFTER_EXPIRY));
                return authorizations.insert(tx, authorization);
            });
            if (inserted) {
                return new Started(deviceCode, userCode, settings.codeTtl(), settings.interval());
            }
        }
        throw new IllegalStateException("no free user code after " + MINT_ATTEMPTS + " draws");
    }

    /** The live authorization waiting for a person under this code. */
    Optional<DeviceAuthorization> pending(UserCode code) {
        return db.read(tx -> authorizations.findPending(tx, code.hash(), clock.instant()));
    }

    /**
     * Approves as {@code userId} for one of their workspaces, logged in at {@code authTime} by {@code amr}.
     * False when the code is no longer waiting (decided, expired). The approval is a consent (consent.granted).
     */
    boolean approve(Actor actor, String userId, UserCode code, String workspaceId, Instant authTime, List<String> amr) {
        Instant now = clock.instant();
        return db.inTransaction(tx -> {
            Optional<DeviceAuthorization> pending = authorizations.findPending(tx, code.hash(), now);
            if (pending.isEmpty()) return false;
            WorkspaceAccess access = identity.access(tx, userId, workspaceId)
                    .orElseThrow(() -> OAuthException.notFound("Workspace not found"));
            Connection connection = connections.consent(tx, actor, userId, pending.get().appId(), access, pending.get().scopes());
            return authorizations.approve(tx, code.hash(), connection.id(), authTime, amr, now);
        });
    }

    boolean deny(UserCode code) {
        return db.inTransaction(tx -> authorizations.deny(tx, code.hash(), clock.instant()));
    }
}
