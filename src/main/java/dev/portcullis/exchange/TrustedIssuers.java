package dev.portcullis.exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.clientauth.ClientKeys;
import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
import dev.portcullis.storage.Database;
import dev.portcullis.storage.Tx;
import dev.portcullis.storage.UniqueViolation;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Operators' acts on trusted issuers (setup file and /manage/v1), with their rules. Validation
 * errors name the JSON field. A write replaces every field: the issuer's keys and allowances are
 * one policy, read at a glance.
 */
public final class TrustedIssuers {
    private static final Pattern ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?");
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{1,2000}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final TrustedIssuerRepository issuers;
    private final Clock clock;

    public record Saved(TrustedIssuer issuer, boolean created) {}

    public TrustedIssuers(Database db, TrustedIssuerRepository issuers, Clock clock) {
        this.db = db;
        this.issuers = issuers;
        this.clock = clock;
    }

    public List<TrustedIssuer> list() {
        return db.read(issuers::list);
    }

    public Optional<TrustedIssuer> find(String id) {
        return id == null ? Optional.empty() : db.read(tx -> issuers.find(tx, id));
    }

    public TrustedIssuer create(TrustedIssuerFields fields) {
        TrustedIssuer issuer = validate(fields, Optional.empty());
        return db.inTransaction(tx -> {
            if (issuers.find(tx, issuer.id()).isPresent()) throw taken();
            return save(tx, issuer).issuer();
        });
    }

    /** Replaces every field of the issuer {@code id}; a body naming another id is refused. */
    public TrustedIssuer replace(String id, TrustedIssuerFields fields) {
        TrustedIssuer existing = find(id).orElseThrow(TrustedIssuers::notFound);
        if (fields.id() != null && !fields.id().equals(id)) throw OAuthException.validation("id", "The id cannot be changed");
        TrustedIssuer issuer = validate(fields, Optional.of(existing));
        return db.inTransaction(tx -> save(tx, issuer).issuer());
    }

    public void delete(String id) {
        if (!db.inTransaction(tx -> issuers.delete(tx, id))) throw notFound();
    }

    public Optional<TrustedIssuer> find(Tx tx, String id) {
        return id == null ? Optional.empty() : issuers.find(tx, id);
    }

    /** Creates the issuer, or writes every field of the one with its id. */
    public Saved save(Tx tx, TrustedIssuer issuer) {
        if (issuers.update(tx, issuer)) return new Saved(issuer, false);
        try {
            issuers.insert(tx, issuer);
        } catch (UniqueViolation e) {
            throw taken();
        }
        return new Saved(issuer, true);
    }

    /** Checks {@code f}; {@code existing} keeps its id and creation time. */
    public TrustedIssuer validate(TrustedIssuerFields f, Optional<TrustedIssuer> existing) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String id = existing.map(TrustedIssuer::id).orElseGet(() -> checkId(f.id()));
        String issuer = checkIssuer(f.issuer());
        ClientKeys keys = new ClientKeys(Optional.ofNullable(f.jwks()).map(TrustedIssuers::json), Optional.ofNullable(f.jwksUri()),
                Optional.empty());
        if (!keys.hasKeys()) throw OAuthException.validation("jwks", "Give jwks or jwks_uri: the issuer's public keys");
        List<String> audiences = checkList("allowed_audiences", f.allowedAudiences() == null ? List.of() : f.allowedAudiences());
        if (f.allowedClientIds() == null || f.allowedClientIds().isEmpty()) {
            throw OAuthException.validation("allowed_client_ids", "Name at least one client that may present this issuer's assertions");
        }
        List<String> clients = checkList("allowed_client_ids", f.allowedClientIds());
        Instant created = existing.map(TrustedIssuer::createdAt).orElse(now);
        return new TrustedIssuer(id, issuer, keys, audiences, clients, created, now);
    }

    private static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw OAuthException.validation("id", "must be 1-40 lowercase letters, digits or hyphens, starting and ending with a letter or digit");
        }
        return id;
    }

    /** RFC 7519 §4.1.1 allows any string; an https URL (http only on a loopback host) is what every IdP uses. */
    private static String checkIssuer(String raw) {
        String message = "must be an https URL without query or fragment (http only for localhost)";
        if (raw == null || raw.isBlank() || raw.length() > 2000) throw OAuthException.validation("issuer", message);
        try {
            URI uri = new URI(raw);
            String host = uri.getHost();
            boolean loopback = "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
            boolean scheme = "https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback);
            if (!scheme || host == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw OAuthException.validation("issuer", message);
            }
            return raw;
        } catch (URISyntaxException e) {
            throw OAuthException.validation("issuer", message);
        }
    }

    private static List<String> checkList(String field, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null || !TOKEN.matcher(values.get(i)).matches()) {
                throw OAuthException.validation(field + "[" + i + "]", "must be 1-2000 printable characters without spaces");
            }
        }
        return values.stream().distinct().toList();
    }

    private static String json(Object jwks) {
        try {
            return JSON.writeValueAsString(jwks);
        } catch (JsonProcessingException e) {
            throw OAuthException.validation("jwks", "jwks must be a JWK Set");
        }
    }

    private static OAuthException taken() {
        return new OAuthException(new Failure.Conflict("A trusted issuer with this id or issuer already exists"));
    }

    private static OAuthException notFound() {
        return OAuthException.notFound("Trusted issuer not found");
    }
}
