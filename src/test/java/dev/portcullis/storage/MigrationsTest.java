package dev.portcullis.storage;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The start-up short-cut past Flyway: taken only when the schema already stands at this build's newest migration. */
class MigrationsTest {

    @Test
    void newestIsTheHighestVersionAmongTheMigrationFiles() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/db/migration"))) {
            int highest = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
            assertEquals(highest, Migrations.NEWEST, "a new migration raises Migrations.NEWEST with it");
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void aNewDatabaseIsMigratedToTheNewestAndAnUnfinishedOneIsLeftToFlyway(Db db) {
        var storage = TestDatabases.fresh(db);
        try (Database first = Database.open(storage)) {
            assertEquals(Migrations.NEWEST, Migrations.appliedNewest(first.dataSource()));
            // A current schema is not validated again: an edited checksum goes unseen...
            first.inTransaction(tx -> tx.update("UPDATE flyway_schema_history SET checksum = 1 WHERE version = ?",
                    Integer.toString(Migrations.NEWEST)));
        }
        assertDoesNotThrow(() -> Database.open(storage).close());
        // ...while a schema short of the newest goes through Flyway, whose validation refuses it.
        try (Database again = Database.open(storage)) {
            again.inTransaction(tx -> tx.update("UPDATE flyway_schema_history SET success = ? WHERE version = ?", false,
                    Integer.toString(Migrations.NEWEST)));
            assertEquals(-1, Migrations.appliedNewest(again.dataSource()));
        }
        assertThrows(RuntimeException.class, () -> Database.open(storage).close());
    }
}
