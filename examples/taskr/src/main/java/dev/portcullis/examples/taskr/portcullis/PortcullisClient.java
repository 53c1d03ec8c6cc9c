package dev.portcullis.examples.taskr.portcullis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portcullis.examples.taskr.TaskrConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Taskr's side of the protocol, over plain HTTP: authorize URL, token, revoke, and the /v2 API. */
public final class PortcullisClient {
    /** What Taskr asks for: task:read needs the three others too (Portcullis's docs/api.md, /v2 route table). */
    public static final String SCOPE = "openid profile email offline_access task:read object_configuration:read record_permission:read user_management:read";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TaskrConfig config;
    private final HttpClient http;
    private final Clock clock;

    public PortcullisClient(TaskrConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The authorization request (RFC 6749 §4.1.1) with PKCE S256 (RFC 7636 §4.3). */
    public URI authorizeUri(String state, String codeChallenge) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", config.clientId());
        query.put("redirect_uri", config.redirectUri().toString());
        query.put("scope", SCOPE);
        query.put("state", state);
        query.put("code_challenge", codeChallenge);
        query.put("code_challenge_method", "S256");
        return URI.create(config.portcullisUrl() + "/oauth2/authorize?" + encode(query));
    }

    /** Redeems the code (RFC 6749 §4.1.3), proving possession of the PKCE verifier. */
    public TokenResult exchange(String code, String codeVerifier) {
        return token(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", config.redirectUri().toString(), "code_verifier", codeVerifier), Optional.empty());
    }

    /** RFC 6749 §6. */
    public TokenResult refresh(Tokens current) {
        String refreshToken = current.refreshToken().orElseThrow();
        return token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken), Optional.of(current));
    }

    /** RFC 7009 §2.1; true when Portcullis confirmed (200, also for an already dead token). */
    public boolean revoke(String token, String tokenTypeHint) {
        try {
            return post("/oauth2/revoke", Map.of("token", token, "token_type_hint", tokenTypeHint)).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** A GET on the /v2 API with the access token (RFC 6750 §2.1). */
    public ApiResponse get(String pathAndQuery, String accessToken) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.portcullisUrl() + pathAndQuery)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").GET().build();
        try {
            HttpResponse<String> response = send(request);
            return switch (response.statusCode()) {
                case 200 -> new ApiResponse.Ok(JSON.readTree(response.body()));
                case 401 -> new ApiResponse.Unauthorized();
                default -> new ApiResponse.Failed("Portcullis answered " + response.statusCode() + " to " + pathAndQuery.replaceAll("\\?.*", ""));
            };
        } catch (JsonProcessingException e) {
            return new ApiResponse.Failed("Portcullis sent an answer Taskr cannot read.");
        } catch (IOException e) {
            return new ApiResponse.Failed("Portcullis could not be reached.");
        }
    }

    public sealed interface TokenResult {
        record Issued(Tokens tokens) implements TokenResult {}

        /** An RFC 6749 §5.2 error, or {@code temporarily_unavailable} when Portcullis was unreachable. */
        record Refused(String error, String description) implements TokenResult {}
    }

    public sealed interface ApiResponse {
        record Ok(JsonNode body) implements ApiResponse {}

        record Unauthorized() implements ApiResponse {}

        record Failed(String reason) implements ApiResponse {}
    }

    private TokenResult token(Map<String, String> form, Optional<Tokens> previous) {
        try {
            HttpResponse<String> response = post("/oauth2/token", form);
            JsonNode body = parse(response.body());
            if (response.statusCode() != 200) {
                return new TokenResult.Refused(text(body, "error").orElse("http_" + response.statusCode()), text(body, "error_description").orElse(""));
            }
            Optional<String> accessToken = text(body, "access_token");
            if (accessToken.isEmpty() || !"bearer".equalsIgnoreCase(text(body, "token_type").orElse(""))) {
                return new TokenResult.Refused("invalid_response", "The token response has no Bearer access token.");
            }
            Tokens tokens = new Tokens(accessToken.get(), text(body, "refresh_token"),
                    body.path("expires_in").isNumber() ? Optional.of(clock.instant().plusSeconds(body.get("expires_in").asLong())) : Optional.empty(),
                    text(body, "scope").orElse(previous.map(Tokens::scope).orElse(SCOPE)));
            return new TokenResult.Issued(previous.map(tokens::keepingRefreshTokenOf).orElse(tokens));
        } catch (IOException e) {
            return new TokenResult.Refused("temporarily_unavailable", "Portcullis could not be reached.");
        }
    }

    /** Form post with client_secret_basic: id and secret are form-encoded first (RFC 6749 §2.3.1). */
    private HttpResponse<String> post(String path, Map<String, String> form) throws IOException {
        String credentials = URLEncoder.encode(config.clientId(), StandardCharsets.UTF_8) + ":" + URLEncoder.encode(config.clientSecret(), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.portcullisUrl() + path)).timeout(TIMEOUT)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build();
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private static Optional<String> text(JsonNode body, String field) {
        JsonNode value = body == null ? null : body.get(field);
        return value != null && value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
    }

    /** Form encoding, with spaces as %20 so it reads the same in a query string. */
    private static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("&"));
    }
}
