package dev.portcullis.identity;

import dev.portcullis.storage.Row;
import dev.portcullis.storage.Tx;
import java.util.Optional;

/** Workspaces in SQL. */
public final class SqlWorkspaceRepository implements WorkspaceRepository {
    static final String COLUMNS = "w.id, w.slug, w.name, w.logo_url, w.created_at";

    @Override
    public void insert(Tx tx, Workspace w) {
        tx.update("INSERT INTO workspaces (id, slug, name, logo_url, created_at) VALUES (?, ?, ?, ?, ?)",
                w.id(), w.slug(), w.name(), w.logoUrl().orElse(null), w.createdAt());
    }

    @Override
    public Optional<Workspace> findById(Tx tx, String id) {
        return tx.queryOne("SELECT " + COLUMNS + " FROM workspaces w WHERE w.id = ?", SqlWorkspaceRepository::workspace, id);
    }

    @Override
    public Optional<Workspace> findBySlug(Tx tx, String slug) {
        return tx.queryOne("SELECT " + COLUMNS + " FROM workspaces w WHERE w.slug = ?", SqlWorkspaceRepository::workspace, slug);
    }

    @Override
    public boolean slugTaken(Tx tx, String slug) {
        return tx.count("SELECT count(*) AS n FROM workspaces WHERE slug = ?", slug) > 0;
    }

    @Override
    public boolean rename(Tx tx, String id, String name) {
        return tx.update("UPDATE workspaces SET name = ? WHERE id = ?", name, id) == 1;
    }

    @Override
    public boolean lock(Tx tx, String id) {
        // A no-op UPDATE locks the row on PostgreSQL (SELECT ... FOR UPDATE is not SQLite syntax);
        // SQLite already serializes writers with BEGIN IMMEDIATE.
        return tx.update("UPDATE workspaces SET slug = slug WHERE id = ?", id) == 1;
    }

    static Workspace workspace(Row r) {
        return new Workspace(r.text("id"), r.text("slug"), r.text("name"), r.optionalText("logo_url"), r.instant("created_at"));
    }
}
