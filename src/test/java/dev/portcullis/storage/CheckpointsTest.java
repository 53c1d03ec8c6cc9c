package dev.portcullis.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * SQLite's write-ahead log is copied back beside the writer, and still starts again from its
 * beginning, so it stops growing. Driven by hand: the database is opened without the thread.
 */
class CheckpointsTest {
    private static final String INSERT_USER =
            "INSERT INTO users (id, email, email_lower, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)";

    private final Storage storage = TestDatabases.fresh(Db.SQLITE);
    private final Path log = Path.of(storage.databaseUrl().substring("jdbc:sqlite:".length()) + "-wal");

    @Test
    void whenNothingCopiesThenTheLogGrowsWithEveryCommit() throws Exception {
        try (Database database = Database.open(storage, null)) {
            write(database, 200);
            long first = Files.size(log);
            write(database, 200);
            assertTrue(Files.size(log) > first, "the log grows while nothing copies it");
            assertEquals(400L, users(database));
        }
    }

    @Test
    void whenCopiedThenTheNextWriteStartsTheLogAgain() throws Exception {
        try (Database database = Database.open(storage, null)) {
            write(database, 400);
            database.checkpoints().copy();
            long before = Files.size(log);
            write(database, 200);
            assertEquals(before, Files.size(log), "the next writes reuse the log from its beginning");
            assertEquals(600L, users(database));
        }
    }

    @Test
    void whenAReaderHoldsTheLastFramesThenTheWriterCopiesThemAfterItsNextCommit() throws Exception {
        try (Database database = Database.open(storage, null)) {
            write(database, 400);
            try (Connection reader = DriverManager.getConnection(storage.databaseUrl());
                    Statement st = reader.createStatement()) {
                st.execute("BEGIN");
                st.executeQuery("SELECT count(*) FROM users").close(); // holds its snapshot in the log
                write(database, 5);
                database.checkpoints().copy(); // copies up to the reader's snapshot: a few frames remain
                st.execute("COMMIT");
            }
            write(database, 1); // the writer copies the remainder after this commit
            long before = Files.size(log);
            write(database, 200);
            assertEquals(before, Files.size(log), "the remainder was copied, so the log started again");
            assertEquals(606L, users(database));
        }
    }

    /** Each user in its own transaction, at a random place in the e-mail index: a page per commit. */
    private static void write(Database database, int users) {
        for (int i = 0; i < users; i++) {
            String email = UUID.randomUUID() + "@example.com";
            database.inTransaction(tx -> tx.update(INSERT_USER, UUID.randomUUID().toString(), email, email, "U", "h", Instant.EPOCH));
        }
    }

    private static long users(Database database) {
        return database.read(tx -> tx.queryOne("SELECT count(*) AS n FROM users", r -> r.number("n"), new Object[0])).orElseThrow();
    }
}
