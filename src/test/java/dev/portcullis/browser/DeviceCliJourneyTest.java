package dev.portcullis.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.apps.AccessTokenFormat;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.apps.Lifetime;
import dev.portcullis.events.Actor;
import dev.portcullis.http.Json;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.support.Db;
import dev.portcullis.support.NodeClient;
import dev.portcullis.support.TestServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 17's CLI journey: examples/cli (openid-client's device flow on Node.js) signs in against
 * the real server while a person, in Chromium, signs up, types the code the CLI printed at
 * /device and approves; the CLI then prints the /v2/self answer for its token.
 */
@Tag("browser")
class DeviceCliJourneyTest {
    static final Path CLI = Path.of("examples", "cli");
    static final Pattern CODE = Pattern.compile("open (\\S+) and enter the code ([A-Z]{4}-[A-Z]{4})");

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES) // a stalled CLI must fail the build, not hang it
    void cliSignsInWithTheDeviceFlowWhileAPersonApprovesInChromium() throws Exception {
        NodeClient.install(CLI, "openid-client");
        try (var server = TestServer.start(Db.SQLITE); var browser = Chromium.start()) {
            browser.beginJourney("device-cli");
            String clientId = server.portcullis().apps().create(Actor.system(), Optional.empty(), new AppSettings("Taskr CLI", "", Optional.empty(),
                    true, AuthMethod.NONE, EnumSet.of(GrantType.DEVICE_CODE, GrantType.REFRESH_TOKEN),
                    List.of("openid", "offline_access", "task:read"), List.of(), AccessTokenFormat.OPAQUE, new Lifetime.Default(),
                    "RS256", false)).app().clientId();
            Process cli = new ProcessBuilder("node", "cli.mjs", server.uri("").toString(), clientId, "/v2/self")
                    .directory(CLI.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (var out = new BufferedReader(new InputStreamReader(cli.getInputStream(), StandardCharsets.UTF_8))) {
                String first = out.readLine();
                Matcher prompt = CODE.matcher(String.valueOf(first));
                assertTrue(prompt.find(), "the CLI says where to go and what to type: " + first);
                assertEquals(server.uri("/device").toString(), prompt.group(1));

                browser.open(server.uri("/signup").toString());
                browser.fill("form#signup", Map.of("name", "Cli User", "email", "cli-user@example.com",
                        "password", "correct horse battery"));
                browser.clickAndWait("form#signup button[type=submit]");
                browser.open(prompt.group(1));
                // Typed as people do: lower case, no dash.
                browser.fill("form#device-code", Map.of("user_code", prompt.group(2).toLowerCase().replace("-", "")));
                browser.screenshot("device-code-typed");
                browser.clickAndWait("form#device-code button[type=submit]");
                assertTrue(browser.text("main").contains("A device is asking"), browser.text("main"));
                browser.screenshot("device-consent");
                browser.clickAndWait("form#device-consent button[value=approve]");
                assertEquals("Device connected", browser.text("#device-done"));
                browser.screenshot("device-connected");

                List<String> lines = new ArrayList<>();
                for (String line = out.readLine(); line != null; line = out.readLine()) lines.add(line);
                assertTrue(cli.waitFor(30, TimeUnit.SECONDS), "the CLI ends once it has called the API");
                assertEquals(0, cli.exitValue(), "CLI output: " + lines);
                JsonNode self = Json.MAPPER.readTree(lines.getLast());
                assertTrue(self.path("active").asBoolean(), self.toString());
                assertEquals(clientId, self.path("client_id").asText());
                assertEquals("openid offline_access task:read", self.path("scope").asText());
            } finally {
                cli.destroyForcibly();
            }
        }
    }
}
