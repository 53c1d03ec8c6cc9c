package dev.portcullis.bench;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** What every presented token costs before any look-up: prefix + checksum parse, then the SHA-256 row key. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenBenchmark {
    private final String valid = Token.mint(TokenKind.ACCESS_TOKEN, new SecureRandom()).value();
    private final String badChecksum = valid.substring(0, valid.length() - 1) + (valid.endsWith("A") ? "B" : "A");

    @Benchmark
    public Optional<Token> parseValid() {
        return Token.parse(valid);
    }

    @Benchmark
    public Optional<Token> parseBadChecksum() {
        return Token.parse(badChecksum);
    }

    @Benchmark
    public SecretHash secretHash() {
        return SecretHash.of(valid);
    }

    @Benchmark
    public SecretHash parseAndHash() {
        return Token.parse(valid).orElseThrow().hash();
    }
}
