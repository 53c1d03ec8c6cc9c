package dev.portcullis.web.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** User agents as people read them: browser on system for the common ones, the tool's name, or the header cut short. */
class UserAgentsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0 | Firefox on Linux",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0 | Edge on Windows",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 | Chrome on macOS",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15 | Safari on macOS",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1 | Safari on iOS",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36 | Chrome on Android",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 OPR/115.0 | Opera on Windows",
            "curl/8.5.0 | curl",
            "python-requests/2.32.3 | python-requests",
            "Java-http-client/21.0.5 | Java-http-client",
            "Taskr-sync/1.2 | Taskr-sync/1.2",
    })
    void namesTheBrowserAndSystemOrTheTool(String userAgent, String readable) {
        assertEquals(readable, UserAgents.readable(Optional.of(userAgent)));
    }

    @org.junit.jupiter.api.Test
    void anUnknownLongAgentIsCutAndAMissingOneSaysSo() {
        assertEquals("unknown device", UserAgents.readable(Optional.empty()));
        assertEquals("x".repeat(60) + "…", UserAgents.readable(Optional.of("x".repeat(200))));
    }
}
