package dev.portcullis.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

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
                text(Setting.HOST), port(), issuer(), positiveLong(Setting.MAX_REQUEST_BYTES));
        return new Config(server, storage());
    }

    private Config.Storage storage() {
        Path dataDir = Path.of(text(Setting.DATA_DIR)).toAbsolutePath().normalize();
        String url = text(Setting.DATABASE_URL);
        if (url.isEmpty()) {
            url = "jdbc:sqlite:" + dataDir.resolve("portcullis.db");
        } else if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:sqlite:")) {
            throw invalid(Setting.DATABASE_URL, "must start with jdbc:postgresql: or jdbc:sqlite:");
        }
        int pool = (int) positiveLong(Setting.DATABASE_POOL_SIZE);
        return new Config.Storage(dataDir, url, text(Setting.DATABASE_USER), text(Setting.DATABASE_PASSWORD), pool);
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
