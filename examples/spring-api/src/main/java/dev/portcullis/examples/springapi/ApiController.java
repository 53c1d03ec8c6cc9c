package dev.portcullis.examples.springapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The API itself: what a token may see once {@link ApiSecurity} let it in. */
@RestController
public class ApiController {

    /** A task as the API shows it (the fields of Portcullis's own {@code /v2/tasks}). */
    record Task(String id, String content_plaintext, boolean is_completed) {}

    /** Needs {@code task:read} (see {@link ApiSecurity}); without it Spring answers 403 insufficient_scope. */
    @GetMapping("/tasks")
    Map<String, List<Task>> tasks() {
        return Map.of("data", List.of(new Task("1", "Protect the API with Portcullis", true), new Task("2", "Ship it", false)));
    }

    /**
     * Who is calling: {@code name} is the token's {@code sub}, {@code workspace_id} the Portcullis
     * workspace the token is confined to (absent for client_credentials tokens). The same
     * attributes whether the token was a verified JWT or an introspection answer.
     */
    @GetMapping("/me")
    Map<String, Object> me(AbstractOAuth2TokenAuthenticationToken<?> token) {
        Map<String, Object> attributes = token.getTokenAttributes();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", token.getName());
        body.put("workspace_id", attributes.get("workspace_id"));
        body.put("client_id", attributes.get("client_id"));
        body.put("scopes", token.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("SCOPE_")).map(a -> a.substring(6)).sorted().toList());
        return body;
    }

    /** For load balancers and the interop test: up, whatever Portcullis does. */
    @GetMapping("/healthz")
    Map<String, String> health() {
        return Map.of("status", "ok");
    }
}
