package dev.portcullis.examples.taskr.support;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Taskr wired to a stand-in Portcullis, with one signed-up user in {@link #browser}. */
public final class ConnectedStage implements AutoCloseable {
    public static final String CALLBACK = "/integrations/portcullis/callback";
    public final PortcullisStandIn portcullis;
    public final TaskrServer taskr;
    public final Browser browser;

    public ConnectedStage() {
        portcullis = PortcullisStandIn.start();
        taskr = TaskrServer.start(portcullis.url());
        browser = signedUp("Ada");
    }

    public Browser signedUp(String name) {
        Browser b = taskr.browser();
        b.signUp(name, name.toLowerCase() + "-" + UUID.randomUUID() + "@example.com", "correct horse battery");
        return b;
    }

    /** The whole happy path: Connect, consent at the stand-in, callback with code, state and iss. */
    public void connect() {
        Map<String, String> q = query(browser.connect());
        String code = portcullis.issueCode(q.get("code_challenge"));
        var callback = browser.get(CALLBACK + "?code=" + code + "&state=" + q.get("state") + "&iss=" + enc(portcullis.url().toString()));
        if (callback.status() != 303) throw new AssertionError("callback answered " + callback.status() + ": " + callback.body());
    }

    /** Rows in one of Taskr's tables, read from its SQLite file directly. */
    public int rows(String table) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + taskr.databaseFile());
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    public static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        taskr.close();
        portcullis.close();
    }
}
