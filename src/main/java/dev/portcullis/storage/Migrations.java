package dev.portcullis.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the schema to this build's newest migration with Flyway. Most starts find it there
 * already; those skip Flyway, whose classpath scan and checksum validation (about a thousand
 * classes) were the largest part of opening the database.
 */
final class Migrations {
    /** The newest migration this build carries, in any dialect's location; MigrationsTest holds it to the files. */
    static final int NEWEST = 65;

    private Migrations() {}

    static void migrate(DataSource pool, Dialect dialect) {
        if (appliedNewest(pool) == NEWEST) return;
        Flyway.configure().dataSource(pool).locations(dialect.migrationLocations()).load().migrate();
    }

    /**
     * The version of the last migration applied, if it succeeded; -1 for an empty database, a
     * failed last migration, or anything unexpected, which Flyway then sorts out (or refuses).
     */
    static int appliedNewest(DataSource pool) {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, success FROM flyway_schema_history "
                     + "WHERE version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
            if (!rs.next() || !rs.getBoolean("success")) return -1;
            return Integer.parseInt(rs.getString("version"));
        } catch (SQLException | NumberFormatException e) {
            return -1; // no history table yet (a new database), or a version we do not number so
        }
    }
}
