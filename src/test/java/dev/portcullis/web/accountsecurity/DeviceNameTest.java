package dev.portcullis.web.accountsecurity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** User-Agents as the session list names them. */
class DeviceNameTest {

    static String of(String ua) {
        return DeviceName.of(Optional.ofNullable(ua));
    }

    @Test
    void commonBrowsersAreNamedWithTheirSystemNotByTheEnginesTheyAlsoMention() {
        assertEquals("Firefox on Linux", of("Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0"));
        assertEquals("Chrome on Windows", of("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/142.0.0.0 Safari/537.36"));
        assertEquals("Edge on Windows", of("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/142.0.0.0 Safari/537.36 Edg/142.0.0.0"));
        assertEquals("Safari on iPhone", of("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 "
                + "(KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1"));
        assertEquals("Safari on macOS", of("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                + "Version/18.0 Safari/605.1.15"));
        assertEquals("Chrome on Android", of("Mozilla/5.0 (Linux; Android 15) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/142.0.0.0 Mobile Safari/537.36"));
    }

    @Test
    void unknownAndMissingUserAgentsSaySo() {
        assertEquals("curl", of("curl/8.11.1"));
        assertEquals("Other browser", of("Java-http-client/25"));
        assertEquals("Unknown device", of(null));
        assertEquals("Unknown device", of("  "));
    }
}
