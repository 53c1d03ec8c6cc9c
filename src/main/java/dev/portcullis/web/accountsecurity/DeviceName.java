package dev.portcullis.web.accountsecurity;

import java.util.List;
import java.util.Optional;

/**
 * A User-Agent as a person recognises their device: "Firefox on Linux". Order matters: Edge and
 * Opera also say Chrome, Chrome also says Safari, Android also says Linux, iPhones also say Mac OS X.
 */
final class DeviceName {
    private record Mark(String token, String name) {}

    private static final List<Mark> BROWSERS = List.of(new Mark("Edg/", "Edge"), new Mark("OPR/", "Opera"),
            new Mark("Firefox/", "Firefox"), new Mark("Chromium/", "Chromium"), new Mark("Chrome/", "Chrome"),
            new Mark("Safari/", "Safari"), new Mark("curl/", "curl"));
    private static final List<Mark> SYSTEMS = List.of(new Mark("Android", "Android"), new Mark("iPhone", "iPhone"),
            new Mark("iPad", "iPad"), new Mark("Windows", "Windows"), new Mark("Mac OS X", "macOS"), new Mark("CrOS", "ChromeOS"),
            new Mark("Linux", "Linux"));

    private DeviceName() {}

    static String of(Optional<String> userAgent) {
        if (userAgent.isEmpty() || userAgent.get().isBlank()) return "Unknown device";
        String ua = userAgent.get();
        Optional<String> browser = first(BROWSERS, ua);
        Optional<String> system = first(SYSTEMS, ua);
        if (browser.isPresent() && system.isPresent()) return browser.get() + " on " + system.get();
        return browser.or(() -> system).orElse("Other browser");
    }

    private static Optional<String> first(List<Mark> marks, String ua) {
        return marks.stream().filter(m -> ua.contains(m.token())).map(Mark::name).findFirst();
    }
}
