package dev.portcullis.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 8628 §5.1: user codes are short, so wrong ones are limited per account and per address
 * (here 3 a minute). Past the limit even the right code is refused with 429, and the device
 * still waits; another person elsewhere is not held up.
 */
class UserCodeAttemptsHttpTest {
    static final String WRONG = "BBBB-BBBB";

    @ParameterizedTest
    @EnumSource(Db.class)
    void anAccountPastItsWrongCodesIsRefusedEvenTheRightOneWhileOthersGoOn(Db db) {
        try (var server = TestServer.start(behindProxy(db))) {
            var device = new DeviceFixture(server);
            String clientId = device.app("Guessed TV").app().clientId();
            var started = device.started(clientId);
            String userCode = started.get("user_code").asText();
            Browser guesser = signedUp(device, "Mallory", "198.51.100.7");
            for (int i = 0; i < 3; i++) assertEquals(400, DeviceFixture.consent(guesser, WRONG).status());
            guesser.from("198.51.100.99"); // a new address does not help the account
            Browser.Page blocked = DeviceFixture.consent(guesser, userCode);
            assertEquals(429, blocked.status(), blocked.text());
            assertTrue(Long.parseLong(blocked.header("Retry-After")) >= 1);
            DeviceFlowHttpTest.assertError(device.poll(clientId, started.get("device_code").asText()), "authorization_pending");

            Browser owner = signedUp(device, "Owner", "203.0.113.9");
            assertEquals(200, DeviceFixture.consent(owner, userCode).status());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void anAddressPastItsWrongCodesIsRefusedForEveryAccountOnIt(Db db) {
        try (var server = TestServer.start(behindProxy(db))) {
            var device = new DeviceFixture(server);
            String userCode = device.started(device.app("Guessed TV").app().clientId()).get("user_code").asText();
            Browser first = signedUp(device, "Eve", "198.51.100.7");
            Browser second = signedUp(device, "Eve Two", "198.51.100.7");
            assertEquals(400, DeviceFixture.consent(first, WRONG).status());
            assertEquals(400, DeviceFixture.consent(first, WRONG).status());
            assertEquals(400, DeviceFixture.consent(second, WRONG).status());
            assertEquals(429, DeviceFixture.consent(second, userCode).status());
            assertEquals(200, DeviceFixture.consent(signedUp(device, "Owner", "203.0.113.9"), userCode).status());
        }
    }

    private static Browser signedUp(DeviceFixture device, String name, String address) {
        Browser browser = new Browser(device.server()).from(address);
        browser.signUp(name, name.toLowerCase().replace(' ', '.') + System.nanoTime() + "@example.com", "correct horse battery");
        return browser;
    }

    private static Config behindProxy(Db db) {
        return ConfigLoader.load(Map.of("PORTCULLIS_PORT", "0", "PORTCULLIS_HOST", "127.0.0.1", "PORTCULLIS_DEMO", "false",
                "PORTCULLIS_TRUSTED_PROXIES", "127.0.0.1", "PORTCULLIS_DEVICE_CODE_ATTEMPTS_PER_MINUTE", "3",
                "PORTCULLIS_SIGNUPS_PER_HOUR", TestServer.TEST_SIGNUPS_PER_HOUR)).withStorage(TestDatabases.fresh(db));
    }
}
