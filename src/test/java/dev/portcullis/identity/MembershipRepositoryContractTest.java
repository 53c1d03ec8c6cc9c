package dev.portcullis.identity;

import dev.portcullis.support.RepositoryContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.storage.UniqueViolation;
import dev.portcullis.support.Db;
import dev.portcullis.support.Seed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link MembershipRepository}'s promises on both databases: one membership per user and
 * workspace, role changes and removals that say whether they happened, and lists in a stable order.
 */
@ParameterizedClass
@EnumSource(Db.class)
class MembershipRepositoryContractTest extends RepositoryContract {
    static final MembershipRepository memberships = new SqlMembershipRepository();

    /** A user whose email starts with {@code local}, so tests can order by it. */
    static User user(String local, String name) {
        User user = new User("user-" + Seed.next(), local + Seed.next() + "@example.com", name, false, NOW);
        database.inTransaction(tx -> {
            new SqlUserRepository().insert(tx, user, "hash");
            return null;
        });
        return user;
    }

    static Workspace workspace(String name) {
        return database.inTransaction(tx -> Seed.workspace(tx, name, NOW));
    }

    static Membership join(Workspace w, User u, Role role, Instant at) {
        return join(w, u, role, at, "membership-" + Seed.next());
    }

    static Membership join(Workspace w, User u, Role role, Instant at, String id) {
        Membership m = new Membership(id, w.id(), u.id(), role);
        database.inTransaction(tx -> {
            memberships.insert(tx, m, at);
            return null;
        });
        return m;
    }

    static long admins(Workspace w) {
        return database.read(tx -> memberships.countAdmins(tx, w.id()));
    }

    @Test
    void anInsertedMembershipIsFoundByWorkspaceAndUserAndById() {
        Workspace w = workspace("Analytical");
        User ada = user("ada", "Ada");
        Membership m = join(w, ada, Role.ADMIN, NOW);
        assertEquals(Optional.of(m), database.read(tx -> memberships.find(tx, w.id(), ada.id())));
        assertEquals(Optional.of(m), database.read(tx -> memberships.findById(tx, m.id())));
        assertTrue(database.read(tx -> memberships.find(tx, workspace("Other").id(), ada.id())).isEmpty());
        assertTrue(database.read(tx -> memberships.find(tx, w.id(), user("bob", "Bob").id())).isEmpty());
        assertTrue(database.read(tx -> memberships.findById(tx, "no-such-membership")).isEmpty());
    }

    @Test
    void aSecondMembershipOfTheSameUserInTheSameWorkspaceIsAUniqueViolation() {
        Workspace w = workspace("Analytical");
        User ada = user("ada", "Ada");
        Membership first = join(w, ada, Role.MEMBER, NOW);
        assertThrows(UniqueViolation.class, () -> join(w, ada, Role.ADMIN, NOW));
        assertEquals(Optional.of(first), database.read(tx -> memberships.find(tx, w.id(), ada.id())), "still the first, a member");
        assertEquals(0L, admins(w));
    }

    @Test
    void membersOfListsTheWorkspacesMembersOldestFirstThenByEmailWithTheirUsers() {
        Workspace w = workspace("Analytical");
        User founder = user("zed", "Zed");
        User bea = user("bea", "Bea");
        User ann = user("ann", "Ann");
        join(w, founder, Role.ADMIN, NOW);
        join(w, bea, Role.MEMBER, NOW.plusSeconds(60));
        join(w, ann, Role.MEMBER, NOW.plusSeconds(60));
        join(workspace("Other"), user("aaa", "Outsider"), Role.ADMIN, NOW.minusSeconds(60));

        List<Member> members = database.read(tx -> memberships.membersOf(tx, w.id()));
        assertEquals(List.of(founder, ann, bea), members.stream().map(Member::user).toList(),
                "the founder first, then the tie by email");
        assertEquals(List.of(Role.ADMIN, Role.MEMBER, Role.MEMBER), members.stream().map(Member::role).toList());
        assertTrue(members.stream().allMatch(m -> m.membership().workspaceId().equals(w.id())));
    }

    @Test
    void workspacesOfListsTheUsersWorkspacesByNameThenSlugWithTheirRole() {
        User ada = user("ada", "Ada");
        Workspace beta = workspace("Beta");
        Workspace alphaOne = workspace("Alpha");
        Workspace alphaTwo = workspace("Alpha");
        join(beta, ada, Role.ADMIN, NOW);
        join(alphaTwo, ada, Role.MEMBER, NOW);
        join(alphaOne, ada, Role.ADMIN, NOW);
        join(workspace("Aardvark"), user("bob", "Bob"), Role.ADMIN, NOW);

        List<Workspace> alphas = new ArrayList<>(List.of(alphaOne, alphaTwo));
        alphas.sort(Comparator.comparing(Workspace::slug));
        List<WorkspaceAccess> listed = database.read(tx -> memberships.workspacesOf(tx, ada.id()));
        assertEquals(List.of(alphas.get(0), alphas.get(1), beta), listed.stream().map(WorkspaceAccess::workspace).toList());
        assertEquals(Role.ADMIN, listed.get(2).role());
        assertTrue(listed.stream().allMatch(a -> a.membership().userId().equals(ada.id())));
        assertEquals(List.of(), database.read(tx -> memberships.workspacesOf(tx, "no-such-user")));
    }

    @Test
    void changeRoleChangesThatMembershipOnlyAndCountAdminsFollows() {
        Workspace w = workspace("Analytical");
        Membership ada = join(w, user("ada", "Ada"), Role.ADMIN, NOW);
        Membership bob = join(w, user("bob", "Bob"), Role.MEMBER, NOW);
        join(workspace("Other"), user("eve", "Eve"), Role.ADMIN, NOW);
        assertEquals(1L, admins(w), "only this workspace's admins");

        boolean promoted = database.inTransaction(tx -> memberships.changeRole(tx, bob.id(), Role.ADMIN));
        assertTrue(promoted);
        assertEquals(2L, admins(w));
        assertEquals(Role.ADMIN, database.read(tx -> memberships.findById(tx, bob.id())).orElseThrow().role());

        boolean demoted = database.inTransaction(tx -> memberships.changeRole(tx, ada.id(), Role.MEMBER));
        boolean unknown = database.inTransaction(tx -> memberships.changeRole(tx, "no-such-membership", Role.ADMIN));
        assertTrue(demoted);
        assertFalse(unknown);
        assertEquals(1L, admins(w));
        assertEquals(Role.MEMBER, database.read(tx -> memberships.findById(tx, ada.id())).orElseThrow().role());
    }

    @Test
    void removeAnswersTrueOnceAndLeavesTheOtherMembers() {
        Workspace w = workspace("Analytical");
        User ada = user("ada", "Ada");
        Membership leaving = join(w, ada, Role.MEMBER, NOW);
        Membership staying = join(w, user("bob", "Bob"), Role.ADMIN, NOW);
        boolean first = database.inTransaction(tx -> memberships.remove(tx, leaving.id()));
        boolean second = database.inTransaction(tx -> memberships.remove(tx, leaving.id()));
        assertTrue(first);
        assertFalse(second);
        assertTrue(database.read(tx -> memberships.find(tx, w.id(), ada.id())).isEmpty());
        assertEquals(Optional.of(staying), database.read(tx -> memberships.findById(tx, staying.id())));
    }

    @Test
    void pageOfWalksTheMembersOldestFirstTiesByIdWithoutOverlapOrGap() {
        Workspace w = workspace("Analytical");
        User ada = user("ada", "Ada Lovelace");
        Membership founder = join(w, ada, Role.ADMIN, NOW);
        Membership tieB = join(w, user("bob", "Bob"), Role.MEMBER, NOW.plusSeconds(60), "m-b-" + Seed.next());
        Membership tieA = join(w, user("cat", "Cat"), Role.MEMBER, NOW.plusSeconds(60), "m-a-" + Seed.next());
        Membership last = join(w, user("dan", "Dan"), Role.MEMBER, NOW.plusSeconds(120));
        join(workspace("Other"), user("eve", "Eve"), Role.ADMIN, NOW.minusSeconds(60));

        List<MembershipRepository.Listed> all = new ArrayList<>();
        for (int offset = 0; offset < 6; offset += 2) {
            int from = offset;
            all.addAll(database.read(tx -> memberships.pageOf(tx, w.id(), 2, from)));
        }
        assertEquals(List.of(founder, tieA, tieB, last), all.stream().map(MembershipRepository.Listed::membership).toList());
        MembershipRepository.Listed first = all.getFirst();
        assertEquals("Ada Lovelace", first.name());
        assertEquals(ada.email(), first.email());
        assertEquals(NOW, first.joinedAt());
        assertEquals(List.of(), database.read(tx -> memberships.pageOf(tx, w.id(), 2, 4)), "past the end");
    }

    @Test
    void findInWorkspaceFindsOnlyAMembershipOfThatWorkspace() {
        Workspace w = workspace("Analytical");
        User bob = user("bob", "Bob");
        Membership m = join(w, bob, Role.MEMBER, NOW.plusSeconds(5));
        Membership elsewhere = join(workspace("Other"), user("eve", "Eve"), Role.ADMIN, NOW);
        var found = database.read(tx -> memberships.findInWorkspace(tx, w.id(), m.id())).orElseThrow();
        assertEquals(m, found.membership());
        assertEquals("Bob", found.name());
        assertEquals(bob.email(), found.email());
        assertEquals(NOW.plusSeconds(5), found.joinedAt());
        assertTrue(database.read(tx -> memberships.findInWorkspace(tx, w.id(), elsewhere.id())).isEmpty(), "another workspace's member");
        assertTrue(database.read(tx -> memberships.findInWorkspace(tx, w.id(), "no-such-membership")).isEmpty());
    }
}
