package dev.portcullis.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.config.ConfigLoader;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sign-in pages' script under the real Content-Security-Policy: the sign-up page rates the
 * password while it is typed, and a throttled login counts the wait down, then lets the person in.
 */
@Tag("browser")
class SignInPagesJourneyTest {
    static TestServer server;
    static Chromium browser;

    @BeforeAll
    static void start() {
        browser = Chromium.start();
        // 6 failed logins a minute: the throttle is reached quickly, and its wait is at most 10 seconds.
        server = TestServer.start(ConfigLoader.load(Map.of("PORTCULLIS_PORT", "0", "PORTCULLIS_HOST", "127.0.0.1",
                "PORTCULLIS_DEMO", "false", "PORTCULLIS_LOGIN_ATTEMPTS_PER_MINUTE", "6")).withStorage(TestDatabases.fresh(Db.SQLITE)));
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) browser.close();
        } finally {
            if (server != null) server.close();
        }
    }

    @BeforeEach
    void signedOut(TestInfo test) {
        browser.beginJourney(test.getTestMethod().orElseThrow().getName());
    }

    @Test
    void signUpRatesThePasswordWhileItIsTyped() {
        browser.open(server.uri("/signup").toString());
        browser.fill("form#signup", Map.of("name", "Ada", "email", "ada@example.com", "password", "password"));
        var wait = new WebDriverWait(browser.driver(), Duration.ofSeconds(10));
        wait.until(d -> d.findElement(By.id("password-strength")).getText().startsWith("Too easy to guess."));
        assertTrue(browser.text("#password-strength").contains("This is a top-10 common password."), browser.text("#password-strength"));
        assertTrue(browser.find("#password-meter").isDisplayed());
        browser.screenshot("weak-password");

        browser.fill("form#signup", Map.of("password", "violet kettle marmalade trombone"));
        wait.until(d -> d.findElement(By.id("password-strength")).getText().endsWith("password."));
        assertEquals("true", browser.find("#password-strength").getAttribute("data-acceptable"));
        browser.screenshot("strong-password");
        browser.clickAndWait("form#signup button[type=submit]");
        assertTrue(browser.url().endsWith("/account"), browser.url());
    }

    @Test
    void throttledLoginCountsDownThenLetsThePersonIn() {
        browser.open(server.uri("/signup").toString());
        browser.fill("form#signup", Map.of("name", "Grace", "email", "grace@example.com", "password", Stage.PASSWORD));
        browser.clickAndWait("form#signup button[type=submit]");
        browser.clickAndWait("form[action='/logout'] button");
        assertEquals("You are logged out.", browser.text("[data-testid=logged-out]"));

        for (int i = 0; i < 60 && !browser.has("[data-testid=throttled]"); i++) {
            browser.fill("form#login", Map.of("email", "grace@example.com", "password", "guess " + i));
            browser.clickAndWait("form#login button[type=submit]");
        }
        assertTrue(browser.text("[data-testid=throttled]").startsWith("Too many attempts. Try again in"));
        assertFalse(browser.find("form#login button[type=submit]").isEnabled(), "held until the wait is over");
        browser.screenshot("throttled");

        new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
                .until(d -> d.findElement(By.id("form-error")).getText().equals("You can try again now."));
        assertTrue(browser.find("form#login button[type=submit]").isEnabled());
        browser.fill("form#login", Map.of("email", "grace@example.com", "password", Stage.PASSWORD));
        browser.clickAndWait("form#login button[type=submit]");
        assertTrue(browser.url().endsWith("/account"), browser.url());
    }
}
