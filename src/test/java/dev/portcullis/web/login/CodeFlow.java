package dev.portcullis.web.login;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.mfa.Totp;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.Pkce;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Drives the code flow of a public app ("Taskr") through the real pages, second-factor step included, to its ID token. */
final class CodeFlow {
    static final String PASSWORD = "correct horse battery";
    private static final String REDIRECT = "https://rp.example/cb";
    private static final String VERIFIER = "v".repeat(43);
    private final TestServer server;
    private final Clock clock;
    private final String clientId;
    private final Totp totp = new Totp();

    CodeFlow(TestServer server, Clock clock) {
        this.server = server;
        this.clock = clock;
        this.clientId = server.portcullis().apps().create(dev.portcullis.events.Actor.system(), Optional.empty(), AppSettings.defaults("Taskr", AuthMethod.NONE)
                .withRedirectUris(List.of(new RedirectUri(REDIRECT))).withScopes(List.of("openid"))).app().clientId();
    }

    /** A browser, the person's email, and their TOTP secret when they have one. */
    record Person(Browser browser, String email, Optional<byte[]> secret) {}

    /** Where the flow ended (the client's redirect URI) and the forms it went through, by id. */
    record Outcome(URI redirect, List<String> forms) {
        Optional<String> param(String name) {
            for (String pair : Optional.ofNullable(redirect.getRawQuery()).orElse("").split("&")) {
                if (pair.startsWith(name + "=")) return Optional.of(URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8));
            }
            return Optional.empty();
        }
    }

    Browser.Page start(Browser browser, String extra) {
        return browser.get("/authorize?response_type=code&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&scope=openid&state=s1&nonce=n1"
                + "&code_challenge_method=S256&code_challenge=" + Pkce.s256(VERIFIER) + extra);
    }

    Outcome authorize(Person p, String extra) {
        return follow(p, start(p.browser(), extra));
    }

    /** Goes on from {@code page}: logs in, gives the code, picks the first workspace, approves. */
    Outcome follow(Person p, Browser.Page page) {
        var browser = p.browser();
        List<String> forms = new ArrayList<>();
        for (int steps = 0; steps < 12; steps++) {
            if (page.status() == 302 || page.status() == 303) {
                if (!page.location().startsWith("/")) return new Outcome(URI.create(page.location()), forms);
                page = browser.get(page.location());
            } else if (page.doc().selectFirst("form#login") != null) {
                forms.add("login");
                page = browser.submit(page, "form#login", Map.of("email", p.email(), "password", PASSWORD));
            } else if (page.doc().selectFirst("form#second-factor") != null) {
                forms.add("second-factor");
                page = browser.submit(page, "form#second-factor", Map.of("code", totp.code(p.secret().orElseThrow(), clock.instant())));
            } else if (page.doc().selectFirst("form#workspace-picker") != null) {
                forms.add("workspace-picker");
                page = browser.submit(page, "form#workspace-picker",
                        Map.of("workspace", page.doc().selectFirst("input[name=workspace]").attr("value")));
            } else if (page.doc().selectFirst("button[name=decision]") != null) {
                forms.add("consent");
                page = browser.submit(page, "form#consent", Map.of("decision", "approve"));
            } else {
                throw new AssertionError("stuck on " + page.status() + ": " + page.text());
            }
        }
        throw new AssertionError("too many steps");
    }

    JWTClaimsSet idToken(Outcome outcome) throws Exception {
        String code = outcome.param("code").orElseThrow(() -> new AssertionError("no code: " + outcome.redirect()));
        var res = server.post("/oauth2/token", "application/x-www-form-urlencoded", "grant_type=authorization_code&code="
                + URLEncoder.encode(code, StandardCharsets.UTF_8) + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                + "&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8) + "&code_verifier=" + VERIFIER);
        assertEquals(200, res.statusCode(), res.body());
        return SignedJWT.parse(new ObjectMapper().readTree(res.body()).get("id_token").asText()).getJWTClaimsSet();
    }
}
