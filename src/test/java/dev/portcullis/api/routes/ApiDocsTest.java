package dev.portcullis.api.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/api.md is generated from the route table; this keeps the committed copy from drifting. */
class ApiDocsTest {
    static final Path FILE = Path.of("docs/api.md");

    @Test
    void committedApiDocsMatchTheRouteTable() throws Exception {
        String generated = ApiDocs.render();
        if (Boolean.getBoolean("portcullis.writeDocs")) Files.writeString(FILE, generated);
        String committed = Files.exists(FILE) ? Files.readString(FILE) : "";
        assertEquals(generated, committed, "docs/api.md is out of date with dev.portcullis.api.routes.ApiRoute; regenerate it with: "
                + "bin/jdk ./mvnw -B -q test -Dtest=ApiDocsTest -Dportcullis.writeDocs=true");
    }

    @Test
    void docsListEveryRouteWithItsScopes() {
        String docs = ApiDocs.render();
        assertTrue(docs.contains("| `GET /v2/tasks` | `task:read`, `object_configuration:read`, `record_permission:read`, `user_management:read` |"), docs);
        assertTrue(docs.contains("| `PATCH /v2/tasks/{task_id}` | `task:read-write`, `object_configuration:read`, `record_permission:read`, `user_management:read` |"));
        assertTrue(docs.contains("| `GET /v2/self` | none |"));
        for (ApiRoute route : ApiRoute.values()) assertTrue(docs.contains(route.method().text() + " " + route.path()), route.name());
    }
}
