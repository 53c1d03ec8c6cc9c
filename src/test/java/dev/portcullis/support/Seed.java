package dev.portcullis.support;

import dev.portcullis.identity.Membership;
import dev.portcullis.identity.Role;
import dev.portcullis.identity.SqlMembershipRepository;
import dev.portcullis.identity.SqlUserRepository;
import dev.portcullis.identity.SqlWorkspaceRepository;
import dev.portcullis.identity.User;
import dev.portcullis.identity.Workspace;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Rows for repository contract tests to stand on, each with a fresh id, email and slug, written
 * through their owning repositories; an app is a bare row, as no contract here reads its settings.
 */
public final class Seed {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Seed() {}

    /** A number no other seed in this JVM got, for unique names. */
    public static int next() {
        return COUNTER.incrementAndGet();
    }

    public static User user(Tx tx, String name, Instant at) {
        int n = next();
        User user = new User("user-" + n, "user" + n + "@example.com", name, false, at);
        new SqlUserRepository().insert(tx, user, "not-a-password-hash");
        return user;
    }

    public static Workspace workspace(Tx tx, String name, Instant at) {
        int n = next();
        Workspace workspace = new Workspace("workspace-" + n, "workspace-" + n, name, Optional.empty(), at);
        new SqlWorkspaceRepository().insert(tx, workspace);
        return workspace;
    }

    public static Membership member(Tx tx, Workspace workspace, User user, Role role, Instant at) {
        Membership membership = new Membership("membership-" + next(), workspace.id(), user.id(), role);
        new SqlMembershipRepository().insert(tx, membership, at);
        return membership;
    }

    public static String app(Tx tx, String name, Instant at) {
        String id = "app-" + next();
        tx.update("INSERT INTO apps (id, name, client_type, token_endpoint_auth_method, grant_types, scopes, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", id, name, "confidential", "client_secret_basic", "authorization_code", "", at);
        return id;
    }
}
