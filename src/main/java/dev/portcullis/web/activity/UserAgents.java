package dev.portcullis.web.activity;

import java.util.List;
import java.util.Optional;

/**
 * A User-Agent as a person reads it: "Firefox on Linux", "curl". Only the common browsers,
 * systems and tools are named; anything else is shown as sent, cut short. Order matters: Edge
 * and Opera also say Chrome, Chrome also says Safari, Android also says Linux.
 */
public final class UserAgents {
    private static final int SHOWN = 60;
    private static final List<String[]> BROWSERS = List.of(
            new String[] {"Edg/", "Edge"}, new String[] {"OPR/", "Opera"}, new String[] {"Firefox/", "Firefox"},
            new String[] {"Chrome/", "Chrome"}, new String[] {"Chromium/", "Chromium"}, new String[] {"Safari/", "Safari"});
    private static final List<String[]> SYSTEMS = List.of(
            new String[] {"Android", "Android"}, new String[] {"iPhone", "iOS"}, new String[] {"iPad", "iPadOS"},
            new String[] {"Windows", "Windows"}, new String[] {"Mac OS X", "macOS"}, new String[] {"CrOS", "ChromeOS"},
            new String[] {"Linux", "Linux"});
    private static final List<String> TOOLS = List.of("curl", "Wget", "python-requests", "okhttp", "Java-http-client", "Go-http-client",
            "node-fetch", "axios", "PostmanRuntime");

    private UserAgents() {}

    public static String readable(Optional<String> userAgent) {
        if (userAgent.isEmpty()) return "unknown device";
        String ua = userAgent.get();
        for (String tool : TOOLS) if (ua.startsWith(tool)) return tool;
        Optional<String> browser = first(BROWSERS, ua);
        Optional<String> system = first(SYSTEMS, ua);
        if (browser.isPresent()) return browser.get() + system.map(s -> " on " + s).orElse("");
        return ua.length() <= SHOWN ? ua : ua.substring(0, SHOWN) + "…";
    }

    private static Optional<String> first(List<String[]> table, String ua) {
        return table.stream().filter(row -> ua.contains(row[0])).map(row -> row[1]).findFirst();
    }
}
