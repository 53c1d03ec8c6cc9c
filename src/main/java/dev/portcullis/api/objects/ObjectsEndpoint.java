package dev.portcullis.api.objects;

import dev.portcullis.api.Page;
import dev.portcullis.api.Principal;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.Json;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /v2/objects}: the standard objects every workspace has; static, so nothing to store. */
public final class ObjectsEndpoint {
    record ApiObject(String apiSlug, String singularNoun, String pluralNoun) {
        Map<String, Object> toJson() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("api_slug", apiSlug);
            out.put("singular_noun", singularNoun);
            out.put("plural_noun", pluralNoun);
            return out;
        }
    }

    static final List<ApiObject> OBJECTS = List.of(
            new ApiObject("people", "Person", "People"),
            new ApiObject("companies", "Company", "Companies"),
            new ApiObject("deals", "Deal", "Deals"));

    public void list(Principal principal, ServerRequest req, ServerResponse res) {
        Page page = Page.of(req);
        Json.send(res, 200, Map.of("data", page.slice(OBJECTS).stream().map(ApiObject::toJson).toList()));
    }

    public void get(Principal principal, ServerRequest req, ServerResponse res) {
        String slug = req.path().pathParameters().first("object").orElse("");
        ApiObject object = OBJECTS.stream().filter(o -> o.apiSlug().equals(slug)).findFirst()
                .orElseThrow(() -> OAuthException.notFound("Object not found"));
        Json.send(res, 200, Map.of("data", object.toJson()));
    }
}
