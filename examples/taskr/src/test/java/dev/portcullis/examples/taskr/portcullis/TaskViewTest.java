package dev.portcullis.examples.taskr.portcullis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading /v2 JSON defensively: odd or missing fields degrade, never fail the page. */
class TaskViewTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void memberIdIsReadFromAnyOfItsSpellings() throws Exception {
        for (String node : List.of("\"m1\"", "{\"workspace_member_id\":\"m1\"}", "{\"referenced_actor_id\":\"m1\"}",
                "{\"id\":\"m1\"}", "{\"id\":{\"workspace_id\":\"w\",\"workspace_member_id\":\"m1\"}}")) {
            assertEquals("m1", TaskView.memberId(JSON.readTree(node)).orElseThrow(), node);
        }
        assertEquals(java.util.Optional.empty(), TaskView.memberId(JSON.readTree("{\"email\":\"x@example.com\"}")));
    }

    @Test
    void memberNameFromNameOrFirstAndLastElseUnknown() throws Exception {
        Map<String, String> names = TaskView.memberNames(JSON.readTree("""
                {"data": [{"id": "a", "name": "Ada"}, {"id": "b", "first_name": "Alan", "last_name": ""},
                          {"id": "c", "name": "  "}, {"name": "no id"}]}"""));
        assertEquals(Map.of("a", "Ada", "b", "Alan", "c", "Unknown"), names);
    }

    @Test
    void taskWithMissingFieldsStillRenders() throws Exception {
        JsonNode tasks = JSON.readTree("""
                {"data": [{"id": "t", "deadline_at": "tomorrow", "assignees": [{"workspace_member_id": "gone"}, {"name": "Inline Name"}, 7]}]}""");
        TaskView task = TaskView.fromApi(tasks, Map.of()).getFirst();
        assertEquals("", task.text());
        assertEquals(false, task.completed());
        assertNull(task.deadline());
        assertEquals(List.of("Unknown", "Inline Name", "Unknown"), task.assignees());
    }

    @Test
    void bodyWithoutDataGivesNoTasks() throws Exception {
        assertEquals(List.of(), TaskView.fromApi(JSON.readTree("{\"unexpected\": true}"), Map.of()));
        assertEquals(List.of(), TaskView.fromApi(JSON.readTree("[]"), Map.of()));
    }
}
