package dev.portcullis.examples.taskr;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Taskr's settings, read once from the environment. Every default lives here.
 *
 * @param portcullisUrl  base URL of the Portcullis server (also its expected {@code iss})
 * @param taskrUrl       the public base URL of this app; the redirect URI hangs off it
 * @param port           HTTP port (0 picks a free one, for tests)
 * @param encryptionKey  base64 AES-256 key for stored tokens; empty means a key file in dataDir
 */
public record TaskrConfig(URI portcullisUrl, URI taskrUrl, int port, String clientId, String clientSecret,
                          Optional<String> encryptionKey, Path dataDir) {

    public static final String CALLBACK_PATH = "/integrations/portcullis/callback";

    public TaskrConfig {
        portcullisUrl = withoutTrailingSlash(portcullisUrl);
        taskrUrl = withoutTrailingSlash(taskrUrl);
    }

    public static TaskrConfig fromEnvironment(Map<String, String> env) {
        int port = port(env.getOrDefault("TASKR_PORT", "3050"));
        return new TaskrConfig(
                URI.create(env.getOrDefault("PORTCULLIS_URL", "http://localhost:8080")),
                URI.create(env.getOrDefault("TASKR_URL", "http://localhost:" + port)),
                port,
                required(env, "TASKR_CLIENT_ID"),
                required(env, "TASKR_CLIENT_SECRET"),
                Optional.ofNullable(env.get("TASKR_ENCRYPTION_KEY")).filter(k -> !k.isBlank()),
                Path.of(env.getOrDefault("TASKR_DATA_DIR", "./data")));
    }

    /** Registered at Portcullis; must match exactly (RFC 6749 §3.1.2). */
    public URI redirectUri() {
        return URI.create(taskrUrl + CALLBACK_PATH);
    }

    /** Cookies get the Secure flag whenever the app is served over https. */
    public boolean secureCookies() {
        return "https".equalsIgnoreCase(taskrUrl.getScheme());
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set: create an app in Portcullis (./portcullis serve prints a demo one) and export its credentials");
        }
        return value;
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) throw new NumberFormatException();
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("TASKR_PORT must be a port number, not '" + value + "'");
        }
    }

    private static URI withoutTrailingSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : uri;
    }
}
