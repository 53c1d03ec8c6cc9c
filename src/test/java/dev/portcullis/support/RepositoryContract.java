package dev.portcullis.support;

import dev.portcullis.storage.Database;
import java.time.Instant;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * What every repository contract suite stands on: a fresh database of each kind, opened once per
 * kind. A suite extends this and is annotated {@code @ParameterizedClass @EnumSource(Db.class)}.
 */
public abstract class RepositoryContract {
    protected static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");

    @Parameter
    protected Db db;

    protected static Database database;

    @BeforeParameterizedClassInvocation
    static void openDatabase(Db db) {
        database = Database.open(TestDatabases.fresh(db));
    }

    @AfterParameterizedClassInvocation
    static void closeDatabase() {
        database.close();
    }
}
