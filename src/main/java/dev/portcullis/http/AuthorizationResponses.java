package dev.portcullis.http;

import dev.portcullis.oauth.AuthorizationResponse;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Sends an {@link AuthorizationResponse}: a redirect, or for form_post a page whose one script,
 * allowed by its hash and nothing else, posts the fields to the client (OAuth 2.0 Form Post
 * Response Mode §2). Without JavaScript a button does the same.
 */
public final class AuthorizationResponses {
    private static final String SUBMIT = "document.forms[0].submit()";
    private static final String CSP = "default-src 'none'; script-src '" + sha256(SUBMIT) + "'; form-action http: https:; "
            + "frame-ancestors 'none'; base-uri 'none'";

    private AuthorizationResponses() {}

    public static void send(ServerResponse res, int redirectStatus, AuthorizationResponse response) {
        switch (response) {
            case AuthorizationResponse.Redirect r -> {
                res.status(redirectStatus);
                res.header(HeaderNames.LOCATION, r.location());
                res.send();
            }
            case AuthorizationResponse.FormPost post -> {
                res.status(200);
                res.header("Content-Security-Policy", CSP);
                res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=UTF-8");
                res.send(page(post).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    static String page(AuthorizationResponse.FormPost post) {
        StringBuilder html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Returning to the app</title></head><body><form method=\"post\" action=\"")
                .append(escape(post.action())).append("\">");
        post.fields().forEach((name, value) -> html.append("<input type=\"hidden\" name=\"").append(escape(name))
                .append("\" value=\"").append(escape(value)).append("\">"));
        return html.append("<noscript><p>JavaScript is off. Press the button to return to the app.</p>"
                        + "<button type=\"submit\">Continue</button></noscript></form><script>")
                .append(SUBMIT).append("</script></body></html>").toString();
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String sha256(String script) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
