package dev.portcullis.keys;

import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.storage.Database;
import dev.portcullis.storage.Storage;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Test fixtures: production defaults over a given database, with extra settings. */
final class Keys {
    private Keys() {}

    static Config config(Storage storage, String... settings) {
        Map<String, String> env = new HashMap<>(Map.of("PORTCULLIS_PORT", "0", "PORTCULLIS_HOST", "127.0.0.1", "PORTCULLIS_DEMO", "false"));
        for (int i = 0; i < settings.length; i += 2) env.put(settings[i], settings[i + 1]);
        return ConfigLoader.load(env).withStorage(storage);
    }

    static KeyRing open(Database db, Config config, Clock clock) {
        return KeyRing.open(db, config, clock, new SecureRandom(), dev.portcullis.support.EventLogs.of(db, clock));
    }
}
