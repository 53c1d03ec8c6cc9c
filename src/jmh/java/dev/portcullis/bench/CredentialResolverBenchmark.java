package dev.portcullis.bench;

import dev.portcullis.Core;
import dev.portcullis.apikeys.ApiKeyService;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.credentials.Credential;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A presented {@code sk_} key through the real {@code CredentialResolver} on a temporary SQLite
 * database: a hit in its one-second cache (what a busy client costs), and a well-formed unknown
 * key (checksum passes, so the database is asked).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CredentialResolverBenchmark {
    private Path dir;
    private Core core;
    private String key;
    private final String unknown = Token.mint(TokenKind.API_KEY, new SecureRandom()).value();

    @Setup
    public void database() throws IOException {
        dir = Files.createTempDirectory("portcullis-jmh");
        var config = ConfigLoader.load(Map.of("PORTCULLIS_DATA_DIR", dir.toString(), "PORTCULLIS_DEMO", "false"));
        core = Core.open(config, Clock.systemUTC());
        var identity = core.provisioning();
        var user = identity.prepareUser("Bench User", "bench@example.com", "bench password 123");
        key = core.database().inTransaction(tx -> {
            var u = identity.saveUser(tx, user).value();
            var w = identity.saveWorkspace(tx, "bench", "Bench", u.id()).value();
            return core.apiKeys().create(tx, dev.portcullis.apikeys.Actor.operator(), w.id(), new ApiKeyService.Draft("bench", List.of("task:read"), Optional.empty()))
                    .secret();
        });
        if (core.credentials().resolve(key).isEmpty()) throw new IllegalStateException("the fixture key does not resolve");
    }

    @TearDown
    public void close() throws IOException {
        core.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public Optional<Credential> cachedApiKey() {
        return core.credentials().resolve(key);
    }

    @Benchmark
    public Optional<Credential> unknownApiKey() {
        return core.credentials().resolve(unknown);
    }
}
