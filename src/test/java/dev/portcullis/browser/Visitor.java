package dev.portcullis.browser;

import java.util.Map;

/**
 * One person at the browser, acting on both apps only through their pages: forms filled and
 * buttons clicked, a screenshot after each step.
 */
final class Visitor {
    enum Decision { APPROVE, DENY }

    private final Chromium browser;
    private final Stage stage;
    private final String name;
    private final String email;

    Visitor(Chromium browser, Stage stage, String name, String email) {
        this.browser = browser;
        this.stage = stage;
        this.name = name;
        this.email = email;
    }

    String email() {
        return email;
    }

    void signUpOnPortcullis() {
        signUp(stage.portcullis("/signup"), "portcullis");
        browser.screenshot("portcullis-signed-up");
    }

    void signUpOnTaskr() {
        signUp(stage.taskr("/signup"), "taskr");
        browser.find("#status");
        browser.screenshot("taskr-home");
    }

    /** Both apps name their form {@code form#signup} with name, email and password. */
    private void signUp(String url, String app) {
        browser.open(url);
        browser.fill("form#signup", Map.of("name", name, "email", email, "password", Stage.PASSWORD));
        browser.screenshot(app + "-signup");
        browser.clickAndWait("form#signup button[type=submit]");
    }

    /** Clicks Connect on Taskr: the browser goes to Portcullis with a fresh state in Taskr's session. */
    void startConnect() {
        browser.clickAndWait("form#connect-form button#connect");
    }

    /**
     * Clicks Connect on Taskr and walks whatever Portcullis asks (login, workspace, consent) until
     * the browser is back on Taskr's home page.
     */
    void connect(Decision decision) {
        connect(decision, null);
    }

    /** As {@link #connect(Decision)}, choosing the workspace named {@code workspace} when Portcullis asks. */
    void connect(Decision decision, String workspace) {
        startConnect();
        for (int step = 0; step < 5; step++) {
            switch (browser.waitForAny("form#login", "form#workspace-picker", "form#consent", "#status")) {
                case "form#login" -> {
                    browser.fill("form#login", Map.of("email", email, "password", Stage.PASSWORD));
                    browser.screenshot("portcullis-login");
                    browser.clickAndWait("form#login button[type=submit]");
                }
                case "form#workspace-picker" -> {
                    if (workspace == null) browser.find("form#workspace-picker input[name=workspace]").click();
                    else browser.choose("form#workspace-picker label.choice .workspace-name", workspace);
                    browser.screenshot("portcullis-workspace-picker");
                    browser.clickAndWait("form#workspace-picker button[type=submit]");
                }
                case "form#consent" -> {
                    browser.screenshot("portcullis-consent");
                    String value = decision == Decision.APPROVE ? "approve" : "deny";
                    browser.clickAndWait("form#consent button[name=decision][value=" + value + "]");
                }
                default -> {
                    browser.screenshot("taskr-after-" + decision.name().toLowerCase());
                    return;
                }
            }
        }
        throw new AssertionError("the flow did not return to Taskr: " + browser.url());
    }

    /** Revokes Taskr on the Portcullis account page; returns the connection's id. */
    String revokeOnAccount() {
        browser.open(stage.portcullis("/account"));
        String row = "#connected-apps tr[data-connection]";
        String connection = browser.find(row).getAttribute("data-connection");
        browser.screenshot("portcullis-account-connected");
        browser.find(row + " details.confirm summary").click(); // the confirm step, without script
        browser.clickAndWait(row + " form button[type=submit]");
        browser.find("#connected-apps");
        browser.screenshot("portcullis-account-revoked");
        return connection;
    }

    /** Creates a workspace on Portcullis's workspaces page, as its admin. */
    void createWorkspace(String name) {
        browser.open(stage.portcullis("/workspaces"));
        browser.fill("form#create-workspace", Map.of("name", name));
        browser.screenshot("portcullis-create-workspace");
        browser.clickAndWait("form#create-workspace button[type=submit]");
    }

    void openTaskr() {
        browser.open(stage.taskr("/"));
        browser.find("#status");
        browser.screenshot("taskr-home");
    }
}
