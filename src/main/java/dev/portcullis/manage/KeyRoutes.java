package dev.portcullis.manage;

import static dev.portcullis.manage.ManageEndpoint.BASE;
import static dev.portcullis.manage.ManageEndpoint.body;

import dev.portcullis.error.OAuthException;
import dev.portcullis.http.Json;
import dev.portcullis.http.RouteTable;
import dev.portcullis.keys.KeyRing;
import dev.portcullis.keys.SigningAlgorithm;
import dev.portcullis.keys.SigningKeyInfo;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Signing keys under /manage/v1, as {@code portcullis admin keys} has them: list, and rotate at
 * once (a suspected leak cannot wait for the schedule). The new key signs from this answer on,
 * on every instance within a second; the previous one stays in the JWKS until its tokens expired.
 */
public final class KeyRoutes {
    private final KeyRing keys;
    private final Clock clock;

    record RotateRequest(String alg) {}

    public KeyRoutes(KeyRing keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    void mount(RouteTable r, ManageEndpoint.Guard g) {
        r.get(BASE + "/keys", g.guarded(this::list));
        r.post(BASE + "/keys/rotate", g.guarded(this::rotate));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Json.send(res, 200, Map.of("data", keys.keys().stream().map(Views::signingKey).toList()));
    }

    /** No body, or {@code {"alg": null}}, rotates every algorithm; {@code {"alg": "ES256"}} only that one. */
    private void rotate(ServerRequest req, ServerResponse res) {
        String alg = req.content().hasEntity() ? body(req, RotateRequest.class).alg() : null;
        List<SigningKeyInfo> rotated = alg == null
                ? keys.rotateAll(clock.instant(), ManageEndpoint.actor(req))
                : List.of(keys.rotate(SigningAlgorithm.named(alg)
                        .orElseThrow(() -> OAuthException.validation("alg", "must be RS256, PS256, ES256 or EdDSA")), clock.instant(),
                        ManageEndpoint.actor(req)));
        Json.send(res, 201, Map.of("rotated", rotated.stream().map(Views::signingKey).toList()));
    }
}
