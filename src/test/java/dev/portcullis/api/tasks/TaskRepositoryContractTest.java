package dev.portcullis.api.tasks;

import dev.portcullis.support.RepositoryContract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.api.Page;
import dev.portcullis.storage.UniqueViolation;
import dev.portcullis.support.ApiKeyFixture;
import dev.portcullis.support.Db;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link TaskRepository}'s promises on both databases: a task is seen and touched only through its
 * own workspace, its assignees are that workspace's members, a failed create leaves nothing, and
 * removing a member or the workspace takes their assignments and tasks with them.
 */
@ParameterizedClass
@EnumSource(Db.class)
class TaskRepositoryContractTest extends RepositoryContract {
    static final Instant NOW = Instant.parse("2026-05-01T12:00:00.654Z");
    static final Instant DEADLINE = Instant.parse("2026-06-01T09:30:00.250Z");

    static ApiKeyFixture fixture;
    static final TaskRepository tasks = new SqlTaskRepository();
    static int ids;

    @BeforeParameterizedClassInvocation
    static void seed(Db db) {
        fixture = new ApiKeyFixture(database);
    }

    /** A workspace with its admin and two more members. */
    record Team(String id, String admin, String ana, String ben) {}

    static Team team() {
        int n = ++ids;
        var ws = fixture.workspace("team-" + n);
        String ana = fixture.member(ws.id(), fixture.user("ana" + n + "@" + ws.slug() + ".example", "Ana"), "member");
        String ben = fixture.member(ws.id(), fixture.user("ben" + n + "@" + ws.slug() + ".example", "Ben"), "member");
        return new Team(ws.id(), ws.adminMemberId(), ana, ben);
    }

    static TaskFields fields(String content, Optional<Instant> deadline, boolean completed, String... assignees) {
        return new TaskFields(Optional.of(content), Optional.of(deadline), Optional.of(completed), Optional.of(List.of(assignees)));
    }

    static TaskFields only(Optional<String> content, Optional<Optional<Instant>> deadline, Optional<Boolean> completed,
                           Optional<List<String>> assignees) {
        return new TaskFields(content, deadline, completed, assignees);
    }

    static Task create(String workspaceId, TaskFields fields, Instant at) {
        String id = "task-" + (++ids);
        return database.inTransaction(tx -> tasks.create(tx, workspaceId, id, fields, at));
    }

    static Optional<Task> find(String workspaceId, String taskId) {
        return database.read(tx -> tasks.find(tx, workspaceId, taskId));
    }

    static Optional<Task> update(String workspaceId, String taskId, TaskFields fields) {
        return database.inTransaction(tx -> tasks.update(tx, workspaceId, taskId, fields));
    }

    static boolean delete(String workspaceId, String taskId) {
        return database.inTransaction(tx -> tasks.delete(tx, workspaceId, taskId));
    }

    static List<Task> list(String workspaceId, int limit, int offset) {
        return database.read(tx -> tasks.list(tx, workspaceId, new Page(limit, offset), false));
    }

    static List<String> sorted(String... ids) {
        return Stream.of(ids).sorted().toList();
    }

    @Test
    void createThenFindGivesEveryFieldBackWithTheAssigneesInIdOrder() {
        Team t = team();
        Task created = create(t.id(), fields("Ship it", Optional.of(DEADLINE), true, t.ben(), t.ana()), NOW);
        Task expected = new Task(created.id(), t.id(), "Ship it", Optional.of(DEADLINE), true, sorted(t.ana(), t.ben()), NOW);
        assertEquals(expected, created);
        assertEquals(Optional.of(expected), find(t.id(), created.id()));
    }

    @Test
    void createWhenOnlyTheContentIsGivenThenNoDeadlineNotCompletedAndNoAssignees() {
        Team t = team();
        Task created = create(t.id(), only(Optional.of("Bare"), Optional.empty(), Optional.empty(), Optional.empty()), NOW);
        assertEquals(new Task(created.id(), t.id(), "Bare", Optional.empty(), false, List.of(), NOW), created);
    }

    @Test
    void createWhenTheIdIsTakenThenUniqueViolationAndTheFirstStays() {
        Team t = team();
        Task first = create(t.id(), fields("First", Optional.empty(), false), NOW);
        assertThrows(UniqueViolation.class, () -> database.inTransaction(tx ->
                tasks.create(tx, t.id(), first.id(), fields("Second", Optional.empty(), false), NOW)));
        assertEquals(Optional.of(first), find(t.id(), first.id()));
    }

    @Test
    void createWhenAnAssigneeIsNoMembershipThenItFailsAndNoTaskIsLeft() {
        Team t = team();
        String id = "task-orphan-" + (++ids);
        assertThrows(RuntimeException.class, () -> database.inTransaction(tx ->
                tasks.create(tx, t.id(), id, fields("Doomed", Optional.empty(), false, t.ana(), "no-such-member"), NOW)));
        assertTrue(find(t.id(), id).isEmpty(), "the task and its first assignee rolled back together");
        assertEquals(0L, (long) database.read(tx -> tx.count("SELECT count(*) AS n FROM task_assignees WHERE task_id = ?", id)));
    }

    @Test
    void findWhenTheTaskIsAnotherWorkspacesOrUnknownThenEmpty() {
        Team mine = team();
        Team theirs = team();
        Task task = create(theirs.id(), fields("Secret plan", Optional.empty(), false, theirs.ana()), NOW);
        assertTrue(find(mine.id(), task.id()).isEmpty());
        assertTrue(find(theirs.id(), "task-unknown").isEmpty());
    }

    @Test
    void listThenOnlyTheWorkspacesTasksOldestFirstThenByIdWithTheirAssignees() {
        Team t = team();
        Team other = team();
        Task later = create(t.id(), fields("Later", Optional.empty(), false, t.ben()), NOW.plusSeconds(5));
        Task firstA = create(t.id(), fields("First A", Optional.empty(), false, t.ana(), t.admin()), NOW);
        Task firstB = create(t.id(), fields("First B", Optional.empty(), true), NOW);
        create(other.id(), fields("Not mine", Optional.empty(), false, other.ana()), NOW.minusSeconds(5));
        List<Task> byTime = Stream.of(firstA, firstB).sorted(Comparator.comparing(Task::id)).toList();
        assertEquals(List.of(byTime.get(0), byTime.get(1), later), list(t.id(), 20, 0));
        assertEquals(sorted(t.ana(), t.admin()), list(t.id(), 20, 0).stream()
                .filter(x -> x.id().equals(firstA.id())).findFirst().orElseThrow().assigneeIds());
    }

    @Test
    void listThenThePageLimitsAndOffsets() {
        Team t = team();
        Task a = create(t.id(), fields("A", Optional.empty(), false), NOW);
        Task b = create(t.id(), fields("B", Optional.empty(), false), NOW.plusSeconds(1));
        Task c = create(t.id(), fields("C", Optional.empty(), false), NOW.plusSeconds(2));
        assertEquals(List.of(a, b), list(t.id(), 2, 0));
        assertEquals(List.of(b, c), list(t.id(), 2, 1));
        assertEquals(List.of(c), list(t.id(), 5, 2));
        assertEquals(List.of(), list(t.id(), 5, 3));
        assertEquals(List.of(), list(team().id(), 20, 0), "a new workspace has none");
    }

    @Test
    void listNewestFirstThenTheLatestPageComesFirstAndTiesByIdDescending() {
        Team t = team();
        Task a = create(t.id(), fields("A", Optional.empty(), false), NOW);
        Task b = create(t.id(), fields("B", Optional.empty(), false), NOW.plusSeconds(1));
        Task c = create(t.id(), fields("C", Optional.empty(), false), NOW.plusSeconds(1));
        List<Task> tied = Stream.of(b, c).sorted(Comparator.comparing(Task::id).reversed()).toList();
        assertEquals(List.of(tied.get(0), tied.get(1)), database.read(tx -> tasks.list(tx, t.id(), new Page(2, 0), true)));
        assertEquals(List.of(a), database.read(tx -> tasks.list(tx, t.id(), new Page(2, 2), true)));
    }

    @Test
    void updateWhenOnlySomeFieldsAreGivenThenOnlyThoseChange() {
        Team t = team();
        Task task = create(t.id(), fields("Draft", Optional.of(DEADLINE), false, t.ana()), NOW);
        Task renamed = update(t.id(), task.id(), only(Optional.of("Final"), Optional.empty(), Optional.empty(), Optional.empty()))
                .orElseThrow();
        assertEquals(new Task(task.id(), t.id(), "Final", Optional.of(DEADLINE), false, List.of(t.ana()), NOW), renamed);
        Task done = update(t.id(), task.id(), only(Optional.empty(), Optional.of(Optional.empty()), Optional.of(true), Optional.empty()))
                .orElseThrow();
        assertEquals(new Task(task.id(), t.id(), "Final", Optional.empty(), true, List.of(t.ana()), NOW), done,
                "a deadline given as null clears it");
        assertEquals(Optional.of(done), find(t.id(), task.id()));
    }

    @Test
    void updateWhenAssigneesAreGivenThenTheyReplaceTheOldOnesAndAnEmptyListClearsThem() {
        Team t = team();
        Task task = create(t.id(), fields("Pair", Optional.empty(), false, t.ana(), t.admin()), NOW);
        Task swapped = update(t.id(), task.id(), only(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(List.of(t.ben(), t.ana())))).orElseThrow();
        assertEquals(sorted(t.ana(), t.ben()), swapped.assigneeIds());
        Task alone = update(t.id(), task.id(), only(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(List.of())))
                .orElseThrow();
        assertEquals(List.of(), alone.assigneeIds());
        assertEquals("Pair", alone.content());
    }

    @Test
    void updateWhenNothingIsGivenThenTheTaskUnchanged() {
        Team t = team();
        Task task = create(t.id(), fields("Same", Optional.of(DEADLINE), true, t.ben()), NOW);
        assertEquals(Optional.of(task), update(t.id(), task.id(), only(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty())));
    }

    @Test
    void updateWhenTheTaskIsAnotherWorkspacesOrUnknownThenEmptyAndNothingChanges() {
        Team mine = team();
        Team theirs = team();
        Task task = create(theirs.id(), fields("Theirs", Optional.empty(), false, theirs.ana()), NOW);
        assertTrue(update(mine.id(), task.id(), fields("Hijacked", Optional.of(DEADLINE), true)).isEmpty());
        assertEquals(Optional.of(task), find(theirs.id(), task.id()), "content, deadline and assignees untouched");
        assertTrue(update(mine.id(), "task-unknown", fields("x", Optional.empty(), false)).isEmpty());
    }

    @Test
    void updateWhenANewAssigneeIsNoMembershipThenItFailsAndTheOldAssigneesStay() {
        Team t = team();
        Task task = create(t.id(), fields("Keep", Optional.empty(), false, t.ana()), NOW);
        assertThrows(RuntimeException.class, () -> update(t.id(), task.id(), only(Optional.of("Changed"), Optional.empty(),
                Optional.empty(), Optional.of(List.of(t.ben(), "no-such-member")))));
        assertEquals(Optional.of(task), find(t.id(), task.id()), "the content change rolled back with the assignees");
    }

    @Test
    void deleteThenTrueOnceOnlyFromItsOwnWorkspaceAndItsAssignmentsGoWithIt() {
        Team t = team();
        Team other = team();
        Task task = create(t.id(), fields("Delete me", Optional.empty(), false, t.ana(), t.ben()), NOW);
        assertFalse(delete(other.id(), task.id()), "another workspace cannot delete it");
        assertTrue(find(t.id(), task.id()).isPresent());
        assertTrue(delete(t.id(), task.id()));
        assertFalse(delete(t.id(), task.id()), "already gone");
        assertEquals(0L, (long) database.read(tx -> tx.count("SELECT count(*) AS n FROM task_assignees WHERE task_id = ?", task.id())));
    }

    @Test
    void notMembersThenThoseNotInTheWorkspaceInTheOrderGiven() {
        Team t = team();
        Team other = team();
        List<String> asked = List.of("nobody-1", t.ana(), other.ana(), t.admin(), "nobody-2");
        assertEquals(List.of("nobody-1", other.ana(), "nobody-2"), database.read(tx -> tasks.notMembers(tx, t.id(), asked)));
        assertEquals(List.of(), database.read(tx -> tasks.notMembers(tx, t.id(), List.of(t.ben(), t.ana()))));
        assertEquals(List.of(), database.read(tx -> tasks.notMembers(tx, t.id(), List.of())));
    }

    @Test
    void removingAMemberUnassignsThemAndRemovingTheWorkspaceRemovesItsTasks() {
        Team t = team();
        Task task = create(t.id(), fields("Shared", Optional.empty(), false, t.ana(), t.ben()), NOW);
        database.inTransaction(tx -> tx.update("DELETE FROM memberships WHERE id = ?", t.ana()));
        assertEquals(List.of(t.ben()), find(t.id(), task.id()).orElseThrow().assigneeIds());
        database.inTransaction(tx -> tx.update("DELETE FROM workspaces WHERE id = ?", t.id()));
        assertTrue(find(t.id(), task.id()).isEmpty());
        assertEquals(0L, (long) database.read(tx -> tx.count("SELECT count(*) AS n FROM tasks WHERE id = ?", task.id())));
    }
}
