package dev.portcullis.par;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.portcullis.authorize.PushedRequests;
import dev.portcullis.http.Json;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Database;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Mints the request_uri of a pushed request and redeems it once (RFC 9126 §2.2, §4): 256 random
 * bits under the URN prefix, stored only as a hash, alive for {@link #LIFETIME}.
 */
public final class RequestUris implements PushedRequests {
    /** RFC 9126 §2.2 suggests 5 to 600 seconds; FAPI 2.0 Security Profile §5.3.1.2 wants under 600, a minute is plenty. */
    static final Duration LIFETIME = Duration.ofSeconds(60);
    private static final TypeReference<Map<String, List<String>>> PARAMETERS = new TypeReference<>() {};

    private final Database db;
    private final PushedRequestRepository requests;
    private final SecureRandom random;
    private final Clock clock;

    public RequestUris(Database db, PushedRequestRepository requests, SecureRandom random, Clock clock) {
        this.db = db;
        this.requests = requests;
        this.random = random;
        this.clock = clock;
    }

    /** What the PAR endpoint answers. */
    record Minted(String requestUri, long expiresIn) {}

    Minted push(String clientId, Map<String, List<String>> parameters) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String uri = URN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        var row = new PushedRequestRepository.Pushed(SecretHash.of(uri), clientId, write(parameters), now, now.plus(LIFETIME));
        db.inTransaction(tx -> {
            requests.insert(tx, row, now);
            return null;
        });
        return new Minted(uri, LIFETIME.toSeconds());
    }

    @Override
    public Optional<Map<String, List<String>>> redeem(String clientId, String requestUri) {
        if (requestUri.length() > 200) return Optional.empty();
        Instant now = clock.instant();
        return db.inTransaction(tx -> requests.redeem(tx, SecretHash.of(requestUri), clientId, now)).map(RequestUris::read);
    }

    private static String write(Map<String, List<String>> parameters) {
        try {
            return Json.MAPPER.writeValueAsString(parameters);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store a pushed request", e);
        }
    }

    private static Map<String, List<String>> read(String json) {
        try {
            return Json.MAPPER.readValue(json, PARAMETERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored pushed request is unreadable", e);
        }
    }
}
