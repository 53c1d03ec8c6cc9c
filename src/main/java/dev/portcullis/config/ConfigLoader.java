package dev.portcullis.config;

import dev.portcullis.storage.Storage;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads settings from environment variables, over an optional properties file named by
 * {@code PORTCULLIS_CONFIG_FILE} (same keys), over the defaults in {@link Setting}.
 */
public final class ConfigLoader {
    public static final String CONFIG_FILE = "PORTCULLIS_CONFIG_FILE";

    private final Map<String, String> values;

    private ConfigLoader(Map<String, String> values) {
        this.values = values;
    }

    public static Config load(Map<String, String> env) {
        Map<String, String> merged = new HashMap<>();
        String file = env.get(CONFIG_FILE);
        if (file != null && !file.isBlank()) {
            merged.putAll(readFile(Path.of(file)));
        }
        env.forEach((k, v) -> {
            if (k.startsWith("PORTCULLIS_")) merged.put(k, v);
        });
        return new ConfigLoader(merged).build();
    }

    private Config build() {
        var server = new Config.Server(
                text(Setting.HOST), port(), issuer(), positiveLong(Setting.MAX_REQUEST_BYTES), trustedProxies(),
                seconds(Setting.HEADER_TIMEOUT_SECONDS), seconds(Setting.BODY_TIMEOUT_SECONDS), optional(Setting.METRICS_TOKEN));
        var sessions = new Config.Sessions(minutes(Setting.SESSION_IDLE_MINUTES), hours(Setting.SESSION_MAX_HOURS));
        var tokens = new Config.Tokens(seconds(Setting.ACCESS_TOKEN_TTL_SECONDS), days(Setting.REFRESH_IDLE_DAYS),
                days(Setting.REFRESH_MAX_DAYS), codeTtl(), hours(Setting.SECRET_GRACE_HOURS), flag(Setting.REQUIRE_PAR));
        var keys = new Config.Keys(algorithm(), days(Setting.KEY_ROTATION_DAYS), optional(Setting.MASTER_KEY));
        var limits = new Config.Limits(positiveInt(Setting.RATE_READS_PER_SECOND), positiveInt(Setting.RATE_WRITES_PER_SECOND),
                positiveInt(Setting.RATE_TOKEN_PER_SECOND), positiveInt(Setting.LOGIN_ATTEMPTS_PER_MINUTE),
                positiveInt(Setting.REGISTRATIONS_PER_HOUR), positiveInt(Setting.SIGNUPS_PER_HOUR), rateLimitStore());
        var registration = new Config.Registration(registrationPolicy(), optional(Setting.REGISTRATION_INITIAL_TOKEN),
                days(Setting.REGISTRATION_UNUSED_DAYS), flag(Setting.CIMD_ALLOW_PRIVATE), flag(Setting.REGISTRATION_ALLOW_IMPLICIT));
        Optional<Path> scopes = optional(Setting.SCOPES_FILE).map(Path::of);
        var login = new Config.Login(externalLoginUri(), flag(Setting.PASSWORD_LOGIN));
        var device = new Config.Device(seconds(Setting.DEVICE_CODE_TTL_SECONDS), seconds(Setting.DEVICE_POLL_INTERVAL_SECONDS),
                positiveInt(Setting.DEVICE_CODE_ATTEMPTS_PER_MINUTE));
        var dpop = new Config.Dpop(dpopNonces(), seconds(Setting.DPOP_PROOF_WINDOW_SECONDS));
        var events = new Config.Events(days(Setting.EVENT_RETENTION_DAYS), flag(Setting.WEBHOOKS_ALLOW_PRIVATE), webhookRetries(),
                seconds(Setting.WEBHOOK_TIMEOUT_SECONDS), list(Setting.EVENTS_SKIPPED));
        return new Config(server, storage(), sessions, tokens, keys, limits, registration, scopes, flag(Setting.DEMO), login, device, dpop,
                events, mail(issuer()));
    }

    private Config.Mail mail(URI issuer) {
        Optional<Config.Smtp> smtp = optional(Setting.SMTP_HOST).map(host -> {
            Config.SmtpTls tls = switch (text(Setting.SMTP_TLS).toLowerCase(java.util.Locale.ROOT)) {
                case "none" -> Config.SmtpTls.NONE;
                case "starttls" -> Config.SmtpTls.STARTTLS;
                case "tls" -> Config.SmtpTls.TLS;
                default -> throw invalid(Setting.SMTP_TLS, "must be none, starttls or tls");
            };
            int port = optional(Setting.SMTP_PORT).isEmpty() ? switch (tls) {
                case NONE -> 25;
                case STARTTLS -> 587;
                case TLS -> 465;
            } : smtpPort();
            return new Config.Smtp(host, port, tls, optional(Setting.SMTP_USERNAME), optional(Setting.SMTP_PASSWORD));
        });
        String from = optional(Setting.SMTP_FROM).orElse("no-reply@" + issuer.getHost());
        return new Config.Mail(smtp, from, flag(Setting.REQUIRE_VERIFIED_EMAIL), positiveInt(Setting.PASSWORD_RESETS_PER_HOUR));
    }

    private int smtpPort() {
        long port = number(Setting.SMTP_PORT);
        if (port < 1 || port > 65535) throw invalid(Setting.SMTP_PORT, "must be between 1 and 65535");
        return (int) port;
    }

    private Optional<URI> externalLoginUri() {
        return optional(Setting.EXTERNAL_LOGIN_URI).map(raw -> loginUri(raw)
                .orElseThrow(() -> invalid(Setting.EXTERNAL_LOGIN_URI, "must be an absolute http(s) URL without a fragment")));
    }

    /** An external login page: absolute http(s), no fragment (external_auth_id is added to its query). */
    public static Optional<URI> loginUri(String raw) {
        try {
            URI uri = new URI(raw.strip());
            boolean http = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
            return http && uri.getHost() != null && uri.getRawFragment() == null ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private List<AddressRange> trustedProxies() {
        List<AddressRange> ranges = new ArrayList<>();
        for (String entry : text(Setting.TRUSTED_PROXIES).split(",")) {
            if (entry.isBlank()) continue;
            ranges.add(AddressRange.parse(entry).orElseThrow(() -> invalid(Setting.TRUSTED_PROXIES,
                    "has '" + entry.strip() + "', which is not an IP address or CIDR range (like 10.0.0.0/8)")));
        }
        return ranges;
    }

    private Duration codeTtl() {
        Duration ttl = seconds(Setting.CODE_TTL_SECONDS);
        if (ttl.toSeconds() > 60) throw invalid(Setting.CODE_TTL_SECONDS, "must be at most 60 (RFC 6749 §4.1.2)");
        return ttl;
    }

    private String algorithm() {
        String alg = text(Setting.SIGNING_ALG);
        if (!java.util.List.of("RS256", "PS256", "ES256", "EdDSA").contains(alg)) {
            throw invalid(Setting.SIGNING_ALG, "must be RS256, PS256, ES256 or EdDSA");
        }
        return alg;
    }

    private Config.RegistrationPolicy registrationPolicy() {
        String raw = text(Setting.REGISTRATION).toUpperCase(java.util.Locale.ROOT);
        try {
            Config.RegistrationPolicy policy = Config.RegistrationPolicy.valueOf(raw);
            if (policy == Config.RegistrationPolicy.TOKEN && optional(Setting.REGISTRATION_INITIAL_TOKEN).isEmpty()) {
                throw invalid(Setting.REGISTRATION_INITIAL_TOKEN, "must be set when PORTCULLIS_REGISTRATION=token");
            }
            return policy;
        } catch (IllegalArgumentException e) {
            throw invalid(Setting.REGISTRATION, "must be open, token or off");
        }
    }

    private Optional<Config.RateLimitStore> rateLimitStore() {
        return switch (text(Setting.RATE_LIMIT_STORE).toLowerCase(java.util.Locale.ROOT)) {
            case "" -> Optional.empty();
            case "local" -> Optional.of(Config.RateLimitStore.LOCAL);
            case "database" -> Optional.of(Config.RateLimitStore.DATABASE);
            default -> throw invalid(Setting.RATE_LIMIT_STORE, "must be local or database");
        };
    }

    private Config.DpopNonces dpopNonces() {
        return switch (text(Setting.DPOP_NONCES).toLowerCase(java.util.Locale.ROOT)) {
            case "off" -> Config.DpopNonces.OFF;
            case "token" -> Config.DpopNonces.TOKEN;
            case "all" -> Config.DpopNonces.ALL;
            default -> throw invalid(Setting.DPOP_NONCES, "must be off, token or all");
        };
    }

    private boolean flag(Setting s) {
        return switch (text(s).toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw invalid(s, "must be true or false");
        };
    }

    /** Comma-separated whole seconds, each at least 0: the wait before each retry, in order. */
    private List<Duration> webhookRetries() {
        List<Duration> waits = new ArrayList<>();
        for (String part : text(Setting.WEBHOOK_RETRY_SECONDS).split(",")) {
            try {
                long seconds = Long.parseLong(part.strip());
                if (seconds < 0) throw new NumberFormatException();
                waits.add(Duration.ofSeconds(seconds));
            } catch (NumberFormatException e) {
                throw invalid(Setting.WEBHOOK_RETRY_SECONDS, "must be whole seconds separated by commas, like 5,300,1800");
            }
        }
        return waits;
    }

    /** Comma-separated words; blanks around them and empty entries are ignored. */
    private Set<String> list(Setting s) {
        return Arrays.stream(text(s).split(",")).map(String::strip).filter(v -> !v.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    private Optional<String> optional(Setting s) {
        return Optional.of(text(s)).filter(v -> !v.isEmpty());
    }

    private Duration seconds(Setting s) { return Duration.ofSeconds(positiveLong(s)); }
    private Duration minutes(Setting s) { return Duration.ofMinutes(positiveLong(s)); }
    private Duration hours(Setting s) { return Duration.ofHours(positiveLong(s)); }
    private Duration days(Setting s) { return Duration.ofDays(positiveLong(s)); }

    private int positiveInt(Setting s) {
        long n = positiveLong(s);
        if (n > Integer.MAX_VALUE) throw invalid(s, "is too large");
        return (int) n;
    }

    private Storage storage() {
        Path dataDir = Path.of(text(Setting.DATA_DIR)).toAbsolutePath().normalize();
        String url = text(Setting.DATABASE_URL);
        if (url.isEmpty()) {
            url = "jdbc:sqlite:" + dataDir.resolve("portcullis.db");
        } else if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:sqlite:")) {
            throw invalid(Setting.DATABASE_URL, "must start with jdbc:postgresql: or jdbc:sqlite:");
        }
        int pool = (int) positiveLong(Setting.DATABASE_POOL_SIZE);
        return new Storage(dataDir, url, text(Setting.DATABASE_USER), text(Setting.DATABASE_PASSWORD), pool);
    }

    private int port() {
        long port = number(Setting.PORT);
        if (port < 0 || port > 65535) throw invalid(Setting.PORT, "must be between 0 and 65535");
        return (int) port;
    }

    private URI issuer() {
        String raw = text(Setting.ISSUER);
        try {
            URI uri = new URI(raw);
            boolean httpScheme = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
            if (!httpScheme || uri.getHost() == null) throw invalid(Setting.ISSUER, "must be an absolute http(s) URL");
            if (uri.getQuery() != null || uri.getFragment() != null) {
                throw invalid(Setting.ISSUER, "must not have a query or fragment (RFC 8414)");
            }
            String trimmed = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
            return new URI(trimmed);
        } catch (URISyntaxException e) {
            throw invalid(Setting.ISSUER, "is not a valid URL");
        }
    }

    private long positiveLong(Setting s) {
        long n = number(s);
        if (n <= 0) throw invalid(s, "must be a positive number");
        return n;
    }

    private long number(Setting s) {
        String raw = text(s);
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw invalid(s, "must be a whole number, got '" + raw + "'");
        }
    }

    private String text(Setting s) {
        return values.getOrDefault(s.env(), s.defaultValue()).trim();
    }

    private static ConfigException invalid(Setting s, String what) {
        return new ConfigException(s.env() + " " + what);
    }

    private static Map<String, String> readFile(Path path) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(path)) {
            props.load(reader);
        } catch (IOException e) {
            throw new ConfigException(CONFIG_FILE + " cannot be read: " + path);
        }
        Map<String, String> map = new HashMap<>();
        props.forEach((k, v) -> map.put(k.toString(), v.toString()));
        return map;
    }
}
