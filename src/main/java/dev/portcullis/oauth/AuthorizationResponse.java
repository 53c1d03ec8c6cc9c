package dev.portcullis.oauth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer for the client's redirect URI, in the response mode the request chose. */
public sealed interface AuthorizationResponse {
    /** Query or fragment: the browser is sent to {@code location}. */
    record Redirect(String location) implements AuthorizationResponse {}

    /** form_post: a page that posts {@code fields} to {@code action} (OAuth 2.0 Form Post Response Mode §2). */
    record FormPost(String action, Map<String, String> fields) implements AuthorizationResponse {
        public FormPost {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }
}
