package dev.portcullis.browser;

import com.deque.html.axecore.args.AxeRunOnlyOptions;
import com.deque.html.axecore.args.AxeRunOptions;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What every page must pass at every width: nothing wider than the window, and no serious or
 * critical axe-core finding. Each finding is one line naming the rule and the elements.
 */
final class PageCheck {
    /** A window size: a phone held upright and a laptop. */
    record Width(String name, int width, int height) {
        static final Width PHONE = new Width("390", 390, 844);
        static final Width DESKTOP = new Width("1280", 1280, 800);
        static final List<Width> ALL = List.of(PHONE, DESKTOP);

        @Override
        public String toString() {
            return width + "x" + height;
        }
    }

    private static final Set<String> FAILING_IMPACTS = Set.of("serious", "critical");
    /** The widest elements that stick out past the right edge, to say what overflows. */
    private static final String OVERFLOW = """
            const w = window.innerWidth;
            if (document.documentElement.scrollWidth <= w) return null;
            const out = [];
            const clipped = e => {
              for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                if (getComputedStyle(a).overflowX !== 'visible' && a.getBoundingClientRect().right <= w + 0.5) return true;
              }
              return false;
            };
            for (const e of document.querySelectorAll('body *')) {
              const r = e.getBoundingClientRect();
              if (r.right > w + 0.5 && r.width > 0 && !clipped(e)) {
                const id = e.id ? '#' + e.id : '';
                const cls = typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/).join('.') : '';
                out.push(e.tagName.toLowerCase() + id + cls + ' (right edge ' + Math.round(r.right) + ')');
              }
            }
            return 'scrollWidth ' + document.documentElement.scrollWidth + ' > innerWidth ' + w
              + '; sticking out: ' + out.slice(0, 4).join(', ');
            """;

    private final ChromeDriver driver;

    PageCheck(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Lays the page out at {@code width} as a desktop window of that size would (no mobile zoom-out to hide overflow). */
    void resize(Width width) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width.width(),
                "height", width.height(), "deviceScaleFactor", 1, "mobile", false));
    }

    /** Emulates {@code prefers-color-scheme: dark}, or back to light. */
    void darkScheme(boolean dark) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
    }

    /** Empty when the page fits the window; else what sticks out. */
    List<String> overflow() {
        Object found = driver.executeScript(OVERFLOW);
        return found == null ? List.of() : List.of("horizontal overflow: " + found);
    }

    /** The serious and critical axe-core violations, one line each: rule, impact, help, offending elements. */
    List<String> axe() {
        return axe(List.of());
    }

    /** As {@link #axe()}, with only {@code rules} when not empty (the dark scheme needs only color-contrast). */
    List<String> axe(List<String> rules) {
        AxeRunOptions options = new AxeRunOptions();
        // Violations only: axe then skips describing every passing node, most of its time on a form page.
        options.setResultTypes(List.of("violations"));
        if (!rules.isEmpty()) {
            AxeRunOnlyOptions only = new AxeRunOnlyOptions();
            only.setType("rule");
            only.setValues(rules);
            options.setRunOnly(only);
        }
        // Legacy mode runs axe.run in the page itself; the default runs it in parts and finishes in a
        // second window, twice the injections of its 560 KB script for pages that have no frames.
        Results results = new AxeBuilder().disableIframeTesting().setLegacyMode(true).withOptions(options).analyze(driver);
        if (results.isErrored()) return List.of("axe-core did not run: " + results.getErrorMessage());
        List<String> lines = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            if (!FAILING_IMPACTS.contains(rule.getImpact())) continue;
            List<String> where = rule.getNodes().stream().limit(3).map(PageCheck::where).toList();
            lines.add("axe " + rule.getImpact() + " " + rule.getId() + " (" + rule.getHelp() + ") at " + where
                    + (rule.getNodes().size() > 3 ? " and " + (rule.getNodes().size() - 3) + " more" : ""));
        }
        return lines;
    }

    private static String where(CheckedNode node) {
        String summary = node.getFailureSummary() == null ? "" : ": " + node.getFailureSummary().replace('\n', ' ');
        return node.getTarget() + summary;
    }
}
