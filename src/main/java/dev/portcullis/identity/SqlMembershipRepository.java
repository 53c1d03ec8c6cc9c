package dev.portcullis.identity;

import dev.portcullis.storage.Row;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Memberships in SQL; roles are stored by their lower-case value. */
public final class SqlMembershipRepository implements MembershipRepository {
    private static final String COLUMNS = "m.id AS m_id, m.workspace_id, m.user_id, m.role";
    private static final String LISTED = "SELECT " + COLUMNS + ", m.created_at, u.name, u.email"
            + " FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = ?";

    @Override
    public void insert(Tx tx, Membership m, Instant createdAt) {
        tx.update("INSERT INTO memberships (id, workspace_id, user_id, role, created_at) VALUES (?, ?, ?, ?, ?)",
                m.id(), m.workspaceId(), m.userId(), m.role().value(), createdAt);
    }

    @Override
    public Optional<Membership> find(Tx tx, String workspaceId, String userId) {
        return tx.queryOne("SELECT " + COLUMNS + " FROM memberships m WHERE m.workspace_id = ? AND m.user_id = ?",
                SqlMembershipRepository::membership, workspaceId, userId);
    }

    @Override
    public Optional<Membership> findById(Tx tx, String id) {
        return tx.queryOne("SELECT " + COLUMNS + " FROM memberships m WHERE m.id = ?", SqlMembershipRepository::membership, id);
    }

    @Override
    public List<Member> membersOf(Tx tx, String workspaceId) {
        return tx.query("SELECT " + COLUMNS + ", u.id, u.email, u.name, u.email_verified, u.created_at, " + SqlUserRepository.PROFILE_COLUMNS
                        + " FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = ?"
                        + " ORDER BY m.created_at, u.email_lower",
                r -> new Member(membership(r), SqlUserRepository.user(r)), workspaceId);
    }

    @Override
    public List<Listed> pageOf(Tx tx, String workspaceId, int limit, int offset) {
        return tx.query(LISTED + " ORDER BY m.created_at, m.id LIMIT ? OFFSET ?", SqlMembershipRepository::listed,
                workspaceId, limit, offset);
    }

    @Override
    public Optional<Listed> findInWorkspace(Tx tx, String workspaceId, String membershipId) {
        return tx.queryOne(LISTED + " AND m.id = ?", SqlMembershipRepository::listed, workspaceId, membershipId);
    }

    @Override
    public List<WorkspaceAccess> workspacesOf(Tx tx, String userId) {
        return tx.query("SELECT " + COLUMNS + ", " + SqlWorkspaceRepository.COLUMNS
                        + " FROM memberships m JOIN workspaces w ON w.id = m.workspace_id WHERE m.user_id = ?"
                        + " ORDER BY w.name, w.slug",
                r -> new WorkspaceAccess(SqlWorkspaceRepository.workspace(r), membership(r)), userId);
    }

    @Override
    public boolean changeRole(Tx tx, String membershipId, Role role) {
        return tx.update("UPDATE memberships SET role = ? WHERE id = ?", role.value(), membershipId) == 1;
    }

    @Override
    public boolean remove(Tx tx, String membershipId) {
        return tx.update("DELETE FROM memberships WHERE id = ?", membershipId) == 1;
    }

    @Override
    public long countAdmins(Tx tx, String workspaceId) {
        return tx.count("SELECT count(*) AS n FROM memberships WHERE workspace_id = ? AND role = ?", workspaceId, Role.ADMIN.value());
    }

    private static Listed listed(Row r) {
        return new Listed(membership(r), r.text("name"), r.text("email"), r.instant("created_at"));
    }

    private static Membership membership(Row r) {
        Role role = Role.parse(r.text("role")).orElseThrow(() -> new IllegalStateException("unknown role in memberships"));
        return new Membership(r.text("m_id"), r.text("workspace_id"), r.text("user_id"), role);
    }
}
