package dev.portcullis.identity;

import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Who belongs to which workspace, with which role. A second membership of the same pair throws {@code UniqueViolation}. */
public interface MembershipRepository {

    void insert(Tx tx, Membership membership, Instant createdAt);

    Optional<Membership> find(Tx tx, String workspaceId, String userId);

    Optional<Membership> findById(Tx tx, String id);

    /** Oldest first, so the founder leads the list. */
    List<Member> membersOf(Tx tx, String workspaceId);

    List<WorkspaceAccess> workspacesOf(Tx tx, String userId);

    boolean changeRole(Tx tx, String membershipId, Role role);

    boolean remove(Tx tx, String membershipId);

    long countAdmins(Tx tx, String workspaceId);
}
