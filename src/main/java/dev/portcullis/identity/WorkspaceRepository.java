package dev.portcullis.identity;

import dev.portcullis.storage.Tx;
import java.util.Optional;

/** Workspaces by id and slug. Inserting a taken slug throws {@code UniqueViolation}. */
public interface WorkspaceRepository {

    void insert(Tx tx, Workspace workspace);

    Optional<Workspace> findById(Tx tx, String id);

    Optional<Workspace> findBySlug(Tx tx, String slug);

    boolean slugTaken(Tx tx, String slug);

    boolean rename(Tx tx, String id, String name);

    /**
     * Takes the workspace's row lock until the transaction ends, so concurrent membership changes
     * (the last-admin rule) run one after another. False when the workspace does not exist.
     */
    boolean lock(Tx tx, String id);
}
