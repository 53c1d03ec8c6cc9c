package dev.portcullis.token;

import dev.portcullis.apps.App;
import dev.portcullis.connections.Connection;
import dev.portcullis.connections.ConnectionRepository;
import dev.portcullis.device.DeviceAuthorization;
import dev.portcullis.device.DeviceAuthorizationRepository;
import dev.portcullis.device.DeviceAuthorizationRepository.Poll;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthError.DevicePolling.Reason;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.secrets.Ids;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.storage.Database;
import dev.portcullis.storage.Tx;
import dev.portcullis.userinfo.ClaimsRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * RFC 8628 §3.4-3.5: a device polls with its device_code. Until a person decides it hears
 * authorization_pending (slow_down when it polls too fast, which commits the longer interval),
 * then its tokens once, as the code grant issues them, or access_denied; expired_token after the
 * lifetime; invalid_grant for a code that was redeemed before.
 */
public final class DeviceCodeGrant {
    private final Database db;
    private final DeviceAuthorizationRepository devices;
    private final ConnectionRepository connections;
    private final TokenRepository tokens;
    private final TokenIssuer issuer;
    private final IdTokens idTokens;
    private final Ids ids;
    private final Clock clock;

    public DeviceCodeGrant(Database db, DeviceAuthorizationRepository devices, ConnectionRepository connections,
                           TokenRepository tokens, TokenIssuer issuer, IdTokens idTokens, Ids ids, Clock clock) {
        this.db = db;
        this.devices = devices;
        this.connections = connections;
        this.tokens = tokens;
        this.issuer = issuer;
        this.idTokens = idTokens;
        this.ids = ids;
        this.clock = clock;
    }

    /** {@code jkt}: the key of the request's DPoP proof, which the tokens are bound to (RFC 9449 §5). */
    TokenResponse handle(App app, Actor actor, TokenRequest.DeviceCode request, Optional<String> jkt) {
        SecretHash hash = Token.parse(request.deviceCode()).filter(t -> t.kind() == TokenKind.DEVICE_CODE)
                .map(Token::hash)
                .orElseThrow(() -> new OAuthException(new OAuthError.InvalidGrant("Invalid device_code")));
        Instant now = clock.instant();
        // A refusal is returned, not thrown, so the poll's pacing (last poll, slow_down) commits.
        Outcome outcome = db.inTransaction(tx -> switch (devices.poll(tx, hash, app.clientId(), now)) {
            case Poll.Redeemed redeemed -> exchange(tx, app, actor, redeemed.authorization(), now, jkt);
            case Poll.Pending p -> polling(Reason.AUTHORIZATION_PENDING, "The user has not yet approved this device");
            case Poll.SlowDown s -> polling(Reason.SLOW_DOWN, "Polling too fast; wait 5 seconds longer between polls");
            case Poll.Denied d -> polling(Reason.ACCESS_DENIED, "The user denied this device");
            case Poll.Expired e -> polling(Reason.EXPIRED_TOKEN, "The device_code has expired; start again");
            case Poll.AlreadyRedeemed r -> Outcome.invalidGrant("The device_code was already used");
            case Poll.Unknown u -> Outcome.invalidGrant("Invalid device_code");
        });
        TokenDraft draft = outcome.orThrow();
        var access = issuer.sign(draft.access());
        Optional<String> idToken = draft.idToken().map(claims -> idTokens.sign(claims, access.value()));
        return new TokenResponse(access.value(), access.expiresIn(draft.now()), draft.scopes(), draft.refreshToken(), idToken,
                draft.dpopBound());
    }

    private static Outcome polling(Reason reason, String description) {
        return new Outcome.Failed(new OAuthError.DevicePolling(reason, description));
    }

    private Outcome exchange(Tx tx, App app, Actor actor, DeviceAuthorization approved, Instant now, Optional<String> jkt) {
        Connection connection = approved.connectionId().flatMap(id -> connections.findById(tx, id)).orElseThrow();
        List<String> scopes = approved.scopes();
        Instant authTime = approved.authTime().orElse(approved.createdAt());
        var grant = new TokenRepository.Grant(ids.next(), app.clientId(), connection.id(), scopes, Optional.empty(), authTime, now,
                issuer.familyExpiry(now));
        tokens.insertGrant(tx, grant);
        var access = issuer.access(tx, app, Optional.of(grant.id()), scopes, Optional.empty(), now, jkt);
        Optional<String> refresh = scopes.contains("offline_access") && app.mayUse(GrantType.REFRESH_TOKEN)
                ? Optional.of(issuer.refresh(tx, grant, scopes, now, RefreshTokenGrant.refreshBinding(app, jkt)))
                : Optional.empty();
        Optional<IdTokens.Unsigned> idToken = scopes.contains("openid")
                ? Optional.of(idTokens.claims(tx, new IdTokens.Context(connection.userId(), app, scopes, Optional.empty(), authTime,
                        ClaimsRequest.NONE, Optional.empty(), true, approved.amr()), now))
                : Optional.empty();
        issuer.events().issued(tx, actor, GrantType.DEVICE_CODE, app.clientId(), scopes, Optional.of(grant.id()),
                Optional.of(connection.workspaceId()), access);
        return new Outcome.Issued(new TokenDraft(access, scopes, refresh, idToken, now, jkt.isPresent()));
    }
}
