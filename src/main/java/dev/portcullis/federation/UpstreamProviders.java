package dev.portcullis.federation;

import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
import dev.portcullis.identity.Role;
import dev.portcullis.keys.KeyRing;
import dev.portcullis.oauth.DisplayText;
import dev.portcullis.storage.Database;
import dev.portcullis.storage.Tx;
import dev.portcullis.storage.UniqueViolation;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Operators' acts on upstream providers (setup file and /manage/v1), with their rules. Validation
 * errors name the JSON field. The client secret is sealed with the master key before it is stored
 * and is never returned.
 */
public final class UpstreamProviders {
    static final List<String> DEFAULT_SCOPES = List.of("openid", "email", "profile");
    private static final Pattern ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?");
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}");
    private static final Pattern DOMAIN = Pattern.compile("(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9-]{2,63}");
    private static final int MAX_NAME = 60;

    private final Database db;
    private final UpstreamProviderRepository providers;
    private final KeyRing keys;
    private final Clock clock;

    /** A provider checked and ready to write, with its new secret when one was given. */
    public record Draft(UpstreamProvider provider, Optional<String> secret) {
        @Override
        public String toString() {
            return "Draft[" + provider.id() + "]";
        }
    }

    public record Saved(UpstreamProvider provider, boolean created) {}

    public UpstreamProviders(Database db, UpstreamProviderRepository providers, KeyRing keys, Clock clock) {
        this.db = db;
        this.providers = providers;
        this.keys = keys;
        this.clock = clock;
    }

    public List<UpstreamProvider> list() {
        return db.read(providers::list);
    }

    /**
     * Whether any provider is configured: then the login page offers a way in even with the password
     * login off and no external login. Takes the caller's transaction, so the login settings can ask
     * inside their own.
     */
    public boolean any(Tx tx) {
        return providers.any(tx);
    }

    /** One button per provider for the login page; each carries {@code returnTo}, so the OAuth request survives the round trip. */
    public List<LoginButton> loginButtons(String returnTo) {
        String query = "?return_to=" + java.net.URLEncoder.encode(returnTo, java.nio.charset.StandardCharsets.UTF_8);
        return list().stream().map(p -> new LoginButton(p.name(), "/login/upstream/" + p.id() + query)).toList();
    }

    public Optional<UpstreamProvider> find(String id) {
        return id == null ? Optional.empty() : db.read(tx -> providers.find(tx, id));
    }

    public UpstreamProvider create(UpstreamProviderFields fields) {
        Draft draft = validate(fields, Optional.empty());
        return db.inTransaction(tx -> {
            if (providers.find(tx, draft.provider().id()).isPresent()) throw taken();
            return save(tx, draft).provider();
        });
    }

    /** Fields left out keep their value; a body naming another id is refused. */
    public UpstreamProvider update(String id, UpstreamProviderFields fields) {
        UpstreamProvider existing = find(id).orElseThrow(UpstreamProviders::notFound);
        if (fields.id() != null && !fields.id().equals(id)) throw OAuthException.validation("id", "The id cannot be changed");
        Draft draft = validate(fields, Optional.of(existing));
        return db.inTransaction(tx -> save(tx, draft).provider());
    }

    public void delete(String id) {
        if (!db.inTransaction(tx -> providers.delete(tx, id))) throw notFound();
    }

    /** The existing provider with the id of {@code fields}, for an import that updates it. */
    public Optional<UpstreamProvider> find(Tx tx, String id) {
        return id == null ? Optional.empty() : providers.find(tx, id);
    }

    /** Creates the provider, or writes every field of the one with its id. */
    public Saved save(Tx tx, Draft draft) {
        UpstreamProvider p = draft.provider();
        Optional<String> sealed = draft.secret().map(s -> keys.sealSecret(label(p.id()), s));
        if (providers.update(tx, p, sealed)) return new Saved(p, false);
        try {
            providers.insert(tx, p, sealed.orElseThrow(() -> OAuthException.validation("client_secret", "is required")));
        } catch (UniqueViolation e) {
            throw taken();
        }
        return new Saved(p, true);
    }

    /** The client secret, opened for the token request; empty when the master key changed since it was stored. */
    Optional<String> secretOf(UpstreamProvider provider) {
        return db.read(tx -> providers.sealedSecretOf(tx, provider.id())).flatMap(s -> keys.openSecret(label(provider.id()), s));
    }

    /** Checks {@code f} merged over {@code existing} (absent fields kept); a new provider needs every required field. */
    public Draft validate(UpstreamProviderFields f, Optional<UpstreamProvider> existing) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String id = existing.map(UpstreamProvider::id).orElseGet(() -> checkId(f.id()));
        String name = f.name() != null ? checkName(f.name()) : existing.map(UpstreamProvider::name).orElseThrow(() -> required("name"));
        URI issuer = f.issuer() != null ? checkIssuer(f.issuer()) : existing.map(UpstreamProvider::issuer).orElseThrow(() -> required("issuer"));
        String clientId = f.clientId() != null ? checkText("client_id", f.clientId(), 255)
                : existing.map(UpstreamProvider::clientId).orElseThrow(() -> required("client_id"));
        Optional<String> secret = Optional.ofNullable(f.clientSecret()).map(s -> checkText("client_secret", s, 1024));
        if (existing.isEmpty() && secret.isEmpty()) throw required("client_secret");
        List<String> scopes = f.scopes() != null ? checkScopes(f.scopes()) : existing.map(UpstreamProvider::scopes).orElse(DEFAULT_SCOPES);
        List<String> domains = f.allowedEmailDomains() != null ? checkDomains(f.allowedEmailDomains())
                : existing.map(UpstreamProvider::allowedEmailDomains).orElse(List.of());
        Optional<UpstreamProvider.AutoJoin> join = f.autoJoin() != null ? Optional.of(checkAutoJoin(f.autoJoin()))
                : existing.flatMap(UpstreamProvider::autoJoin);
        Instant created = existing.map(UpstreamProvider::createdAt).orElse(now);
        return new Draft(new UpstreamProvider(id, name, issuer, clientId, scopes, domains, join, created, now), secret);
    }

    private static String checkId(String id) {
        if (id == null) throw required("id");
        if (!ID.matcher(id).matches()) {
            throw OAuthException.validation("id", "must be 1-40 lowercase letters, digits or hyphens, starting and ending with a letter or digit");
        }
        return id;
    }

    private static String checkName(String raw) {
        String name = raw.strip();
        if (name.isEmpty() || name.length() > MAX_NAME || !DisplayText.isSafe(name)) {
            throw OAuthException.validation("name", "must be 1-" + MAX_NAME + " characters of plain text");
        }
        return name;
    }

    /**
     * OIDC Discovery §2: an https URL without query or fragment. Plain http only on a loopback host,
     * for development; discovery is fetched from here.
     */
    static URI checkIssuer(String raw) {
        try {
            URI uri = new URI(raw.strip().replaceAll("/+$", ""));
            String host = uri.getHost();
            boolean loopback = "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
            boolean scheme = "https".equals(uri.getScheme()) || ("http".equals(uri.getScheme()) && loopback);
            if (!scheme || host == null || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw OAuthException.validation("issuer", "must be an https URL without query or fragment (http only for localhost)");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw OAuthException.validation("issuer", "must be an https URL without query or fragment (http only for localhost)");
        }
    }

    private static String checkText(String field, String raw, int max) {
        if (raw.isBlank() || raw.length() > max || raw.chars().anyMatch(Character::isISOControl)) {
            throw OAuthException.validation(field, "must be 1-" + max + " characters without control characters");
        }
        return raw;
    }

    private static List<String> checkScopes(List<String> scopes) {
        for (int i = 0; i < scopes.size(); i++) {
            if (scopes.get(i) == null || !SCOPE.matcher(scopes.get(i)).matches()) {
                throw OAuthException.validation("scopes[" + i + "]", "is not a valid scope (RFC 6749 §3.3)");
            }
        }
        if (!scopes.contains("openid")) throw OAuthException.validation("scopes", "must include openid");
        return List.copyOf(scopes.stream().distinct().toList());
    }

    private static List<String> checkDomains(List<String> domains) {
        for (int i = 0; i < domains.size(); i++) checkDomain("allowed_email_domains[" + i + "]", domains.get(i));
        return domains.stream().map(d -> d.strip().toLowerCase(Locale.ROOT)).distinct().toList();
    }

    private static String checkDomain(String field, String raw) {
        String domain = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (domain.length() > 253 || !DOMAIN.matcher(domain).matches()) throw OAuthException.validation(field, "must be a domain name like acme.com");
        return domain;
    }

    private static UpstreamProvider.AutoJoin checkAutoJoin(UpstreamProviderFields.AutoJoinFields j) {
        String domain = checkDomain("auto_join.email_domain", j.emailDomain());
        if (j.workspace() == null || j.workspace().isBlank()) throw required("auto_join.workspace");
        Role role = j.role() == null ? Role.MEMBER
                : Role.parse(j.role()).orElseThrow(() -> OAuthException.validation("auto_join.role", "must be admin or member"));
        return new UpstreamProvider.AutoJoin(domain, j.workspace().strip(), role);
    }

    /** The sealed secret's header names its provider, so a sealed value copied onto another row does not open. */
    private static String label(String id) {
        return "upstream:" + id;
    }

    private static OAuthException required(String field) {
        return OAuthException.validation(field, "is required");
    }

    private static OAuthException taken() {
        return new OAuthException(new Failure.Conflict("An upstream provider with this id already exists"));
    }

    private static OAuthException notFound() {
        return OAuthException.notFound("Upstream provider not found");
    }
}
