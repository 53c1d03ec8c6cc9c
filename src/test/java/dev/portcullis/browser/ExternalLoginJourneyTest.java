package dev.portcullis.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Portcullis in external-login mode (set by the environment, password login off) in front of an
 * existing SaaS with its own login form: Taskr, unchanged, connects through /authorize, the SaaS's
 * login, the workspace the SaaS named and consent, and lists that workspace's tasks.
 */
@Tag("browser")
class ExternalLoginJourneyTest {
    static Chromium browser;
    static Stage stage;
    static ExistingSaas saas;

    @BeforeAll
    static void start() {
        browser = Chromium.start();
        int saasPort = Stage.freePort();
        stage = Stage.start(Map.of("PORTCULLIS_EXTERNAL_LOGIN_URI", "http://" + Stage.HOST + ":" + saasPort + "/login",
                "PORTCULLIS_PASSWORD_LOGIN", "false"));
        String operatorToken = stage.server().portcullis().core().operators().create("acme saas backend", dev.portcullis.events.Actor.system()).secret();
        saas = ExistingSaas.start(Stage.HOST, saasPort, URI.create(stage.portcullis("")), operatorToken);
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) browser.close();
        } finally {
            try {
                if (saas != null) saas.close();
            } finally {
                if (stage != null) stage.close();
            }
        }
    }

    @BeforeEach
    void signedOut(TestInfo test) {
        browser.beginJourney(test.getTestMethod().orElseThrow().getName());
    }

    @Test
    void connectTaskrThroughTheSaasLoginThenTaskrListsTheTasksOfTheWorkspaceTheSaasNamed() {
        String email = "ada-" + System.nanoTime() + "@acme.example";
        saas.add(new ExistingSaas.Account("acme-user-1", email, "saas password 1", "Ada", "Lovelace", "acme-org-1", "Acme Engines"));
        Visitor ada = new Visitor(browser, stage, "Ada Lovelace", email);
        ada.signUpOnTaskr();

        ada.startConnect();
        browser.find("form#saas-login");
        assertTrue(browser.url().startsWith(saas.url("/login?external_auth_id=pc_ext_")), browser.url());
        browser.fill("form#saas-login", Map.of("email", email, "password", "saas password 1"));
        browser.screenshot("saas-login");
        browser.clickAndWait("form#saas-login button[type=submit]");
        assertEquals("form#consent", browser.waitForAny("form#consent", "form#workspace-picker", "#status"), browser.url());
        assertEquals("Ada Lovelace · " + email, browser.text("[data-testid=signed-in-as]"));
        assertTrue(browser.text("main").contains("Acme Engines"), browser.text("main"));
        browser.screenshot("portcullis-consent-for-saas-user");
        browser.clickAndWait("form#consent button[name=decision][value=approve]");

        browser.find("#status");
        assertEquals("Portcullis: connected", browser.text("#status"));
        stage.addTask(email, "Balance the Analytical Engine's books");
        ada.openTaskr();
        assertEquals("Balance the Analytical Engine's books", browser.text("ul#tasks > li.task .content"));
    }

    @Test
    void portcullisLoginPageWithPasswordLoginOffThenTheSaasLoginInstead() {
        browser.open(stage.portcullis("/login"));
        browser.find("form#saas-login");
        assertTrue(browser.url().startsWith(saas.url("/login?external_auth_id=pc_ext_")), browser.url());
        browser.screenshot("login-goes-to-saas");
    }
}
