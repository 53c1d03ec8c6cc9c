package dev.portcullis.examples.taskr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskrConfigTest {
    private static final Map<String, String> CREDENTIALS = Map.of("TASKR_CLIENT_ID", "taskr", "TASKR_CLIENT_SECRET", "s3cret");

    @Test
    void defaultsMatchTheReadme() {
        TaskrConfig config = TaskrConfig.fromEnvironment(CREDENTIALS);
        assertEquals(URI.create("http://localhost:8080"), config.portcullisUrl());
        assertEquals(URI.create("http://localhost:3050"), config.taskrUrl());
        assertEquals(3050, config.port());
        assertEquals(Path.of("./data"), config.dataDir());
        assertEquals(Optional.empty(), config.encryptionKey());
        assertEquals(URI.create("http://localhost:3050/integrations/portcullis/callback"), config.redirectUri());
        assertFalse(config.secureCookies());
    }

    @Test
    void publicUrlFollowsThePortUnlessGivenAndLosesItsTrailingSlash() {
        var env = new HashMap<>(CREDENTIALS);
        env.put("TASKR_PORT", "4000");
        assertEquals(URI.create("http://localhost:4000"), TaskrConfig.fromEnvironment(env).taskrUrl());
        env.put("TASKR_URL", "https://taskr.example.com/");
        env.put("PORTCULLIS_URL", "https://auth.example.com/");
        TaskrConfig config = TaskrConfig.fromEnvironment(env);
        assertEquals(URI.create("https://taskr.example.com/integrations/portcullis/callback"), config.redirectUri());
        assertEquals(URI.create("https://auth.example.com"), config.portcullisUrl());
        assertTrue(config.secureCookies());
    }

    @Test
    void missingCredentialsOrBadPortAreNamed() {
        var noId = assertThrows(IllegalArgumentException.class, () -> TaskrConfig.fromEnvironment(Map.of("TASKR_CLIENT_SECRET", "x")));
        assertTrue(noId.getMessage().startsWith("TASKR_CLIENT_ID is not set"));
        var env = new HashMap<>(CREDENTIALS);
        env.put("TASKR_PORT", "http");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TaskrConfig.fromEnvironment(env)).getMessage().contains("TASKR_PORT"));
    }
}
