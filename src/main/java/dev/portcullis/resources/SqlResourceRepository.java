package dev.portcullis.resources;

import dev.portcullis.storage.Row;
import dev.portcullis.storage.Tx;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@link ResourceRepository} in one SQL for SQLite and PostgreSQL; scopes are space-separated. */
public final class SqlResourceRepository implements ResourceRepository {
    private static final String SELECT = "SELECT id, uri, name, scopes, created_at FROM protected_resources ";

    @Override
    public void insert(Tx tx, ProtectedResource r) {
        tx.update("INSERT INTO protected_resources (id, uri, name, scopes, created_at) VALUES (?, ?, ?, ?, ?)",
                r.id(), r.uri(), r.name(), String.join(" ", r.scopes()), r.createdAt());
    }

    @Override
    public boolean update(Tx tx, String uri, String name, List<String> scopes) {
        return tx.update("UPDATE protected_resources SET name = ?, scopes = ? WHERE uri = ?", name, String.join(" ", scopes), uri) == 1;
    }

    @Override
    public Optional<ProtectedResource> findByUri(Tx tx, String uri) {
        return tx.queryOne(SELECT + "WHERE uri = ?", SqlResourceRepository::resource, uri);
    }

    @Override
    public List<ProtectedResource> list(Tx tx) {
        return tx.query(SELECT + "ORDER BY uri", SqlResourceRepository::resource);
    }

    private static ProtectedResource resource(Row r) {
        String scopes = r.text("scopes");
        return new ProtectedResource(r.text("id"), r.text("uri"), r.text("name"),
                scopes.isBlank() ? List.of() : Arrays.asList(scopes.trim().split(" +")), r.instant("created_at"));
    }
}
