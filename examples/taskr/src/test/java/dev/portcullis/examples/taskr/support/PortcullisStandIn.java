package dev.portcullis.examples.taskr.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A stand-in for the external authorization server, answering token (code and refresh grants,
 * PKCE S256, client_secret_basic), revocation and the two /v2 lists as Portcullis's docs/api.md describes.
 * It is a fixture for a system outside Taskr; the real Portcullis is exercised by browser tests.
 */
public final class PortcullisStandIn implements AutoCloseable {
    private final HttpServer server;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, String> codeChallenges = new ConcurrentHashMap<>();
    private final Set<String> liveAccessTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> liveRefreshTokens = ConcurrentHashMap.newKeySet();
    /** Every token issued, in order, so tests can look for them in Taskr's database. */
    public final List<String> issuedTokens = new CopyOnWriteArrayList<>();
    public final List<String> revocations = new CopyOnWriteArrayList<>();
    public final AtomicInteger refreshes = new AtomicInteger();
    public final AtomicInteger taskCalls = new AtomicInteger();
    /** The query string of the latest /v2/tasks call. */
    public volatile String tasksQuery;
    public volatile String tasksJson = "{\"data\": []}";
    public volatile String membersJson = "{\"data\": []}";
    public volatile Integer expiresIn = 3600;
    /** When set, /v2 answers this status, as an API in trouble would. */
    public volatile int apiStatus = 200;
    public volatile String redirectUri = "http://localhost:3050/integrations/portcullis/callback";

    private PortcullisStandIn(HttpServer server) {
        this.server = server;
    }

    public static PortcullisStandIn start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            PortcullisStandIn standIn = new PortcullisStandIn(server);
            server.createContext("/oauth2/token", standIn::token);
            server.createContext("/oauth2/revoke", standIn::revoke);
            server.createContext("/v2/tasks", ex -> standIn.api(ex, () -> {
                standIn.taskCalls.incrementAndGet();
                standIn.tasksQuery = ex.getRequestURI().getRawQuery();
                return standIn.tasksJson;
            }));
            server.createContext("/v2/workspace_members", ex -> standIn.api(ex, () -> standIn.membersJson));
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** What the real server does after login and consent: a code bound to the PKCE challenge. */
    public String issueCode(String codeChallenge) {
        String code = "pc_code_" + randomPart();
        codeChallenges.put(code, codeChallenge);
        return code;
    }

    /** Every current access token is now rejected with 401, as after expiry or revocation. */
    public void expireAccessTokens() {
        liveAccessTokens.clear();
    }

    public void revokeRefreshTokens() {
        liveRefreshTokens.clear();
    }

    public boolean isLive(String token) {
        return liveAccessTokens.contains(token) || liveRefreshTokens.contains(token);
    }

    private void token(HttpExchange ex) throws IOException {
        if (!authenticated(ex)) {
            send(ex, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        Map<String, String> form = form(ex);
        switch (form.getOrDefault("grant_type", "")) {
            case "authorization_code" -> {
                String challenge = codeChallenges.remove(form.getOrDefault("code", ""));
                boolean ok = challenge != null && redirectUri.equals(form.get("redirect_uri"))
                        && challenge.equals(s256(form.getOrDefault("code_verifier", "")));
                if (ok) issue(ex);
                else send(ex, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"bad code, redirect_uri or code_verifier\"}");
            }
            case "refresh_token" -> {
                refreshes.incrementAndGet();
                if (liveRefreshTokens.remove(form.getOrDefault("refresh_token", ""))) issue(ex);
                else send(ex, 400, "{\"error\":\"invalid_grant\"}");
            }
            default -> send(ex, 400, "{\"error\":\"unsupported_grant_type\"}");
        }
    }

    private void issue(HttpExchange ex) throws IOException {
        String access = "pc_at_" + randomPart();
        String refresh = "pc_rt_" + randomPart();
        liveAccessTokens.add(access);
        liveRefreshTokens.add(refresh);
        issuedTokens.add(access);
        issuedTokens.add(refresh);
        String expires = expiresIn == null ? "" : ",\"expires_in\":" + expiresIn;
        send(ex, 200, "{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\",\"refresh_token\":\"" + refresh
                + "\",\"scope\":\"openid offline_access task:read\"" + expires + "}");
    }

    /** RFC 7009: 200 whether or not the token was live. */
    private void revoke(HttpExchange ex) throws IOException {
        if (!authenticated(ex)) {
            send(ex, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        Map<String, String> form = form(ex);
        String token = form.getOrDefault("token", "");
        revocations.add(form.getOrDefault("token_type_hint", "") + ":" + token);
        liveAccessTokens.remove(token);
        liveRefreshTokens.remove(token);
        send(ex, 200, "");
    }

    private void api(HttpExchange ex, Supplier<String> body) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !liveAccessTokens.contains(auth.substring(7))) {
            ex.getResponseHeaders().add("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            send(ex, 401, "{\"status_code\":401,\"type\":\"auth_error\",\"code\":\"invalid_token\",\"message\":\"Token is invalid\"}");
            return;
        }
        if (apiStatus != 200) send(ex, apiStatus, "{\"status_code\":" + apiStatus + "}");
        else send(ex, 200, body.get());
    }

    private static boolean authenticated(HttpExchange ex) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        // client_secret_basic form-encodes id and secret before base64 (RFC 6749 §2.3.1).
        String credentials = TaskrServer.CLIENT_ID + ":" + URLEncoder.encode(TaskrServer.CLIENT_SECRET, StandardCharsets.UTF_8);
        String expected = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        return expected.equals(auth);
    }

    private static Map<String, String> form(HttpExchange ex) throws IOException {
        Map<String, String> out = new HashMap<>();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) ex.getResponseBody().write(bytes);
        ex.close();
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomPart() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
