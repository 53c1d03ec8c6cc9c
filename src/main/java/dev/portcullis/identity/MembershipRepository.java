package dev.portcullis.identity;

import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Who belongs to which workspace, with which role. A second membership of the same pair throws {@code UniqueViolation}. */
public interface MembershipRepository {

    /** A member as the /v2 API lists them: the membership, the person's name and email, and when they joined. */
    record Listed(Membership membership, String name, String email, Instant joinedAt) {}

    void insert(Tx tx, Membership membership, Instant createdAt);

    Optional<Membership> find(Tx tx, String workspaceId, String userId);

    Optional<Membership> findById(Tx tx, String id);

    /** Oldest first, so the founder leads the list. */
    List<Member> membersOf(Tx tx, String workspaceId);

    /** One page of a workspace's members, oldest first and ties by membership id, so pages neither overlap nor skip. */
    List<Listed> pageOf(Tx tx, String workspaceId, int limit, int offset);

    /** One member by membership id; empty when it is a membership of another workspace. */
    Optional<Listed> findInWorkspace(Tx tx, String workspaceId, String membershipId);

    List<WorkspaceAccess> workspacesOf(Tx tx, String userId);

    boolean changeRole(Tx tx, String membershipId, Role role);

    boolean remove(Tx tx, String membershipId);

    long countAdmins(Tx tx, String workspaceId);
}
