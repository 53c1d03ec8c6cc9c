package dev.portcullis.oauth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DisplayTextTest {

    @Test
    void ordinaryNamesInAnyScriptAreSafe() {
        for (String name : new String[] {"Taskr", "Zoë's CRM", "عربي", "日本語アプリ", "Emoji 🚀 app", "A-B (beta)"}) {
            assertTrue(DisplayText.isSafe(name), name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u202Eelgoog", "Trusted\u2066 app", "a\u200Fb", "tab\there", "nul\u0000", "lone \uD800 high",
            "lone \uDC00 low", "ends high \uD83D"})
    void controlsBidiOverridesAndBrokenSurrogatesAreNot(String name) {
        assertFalse(DisplayText.isSafe(name), name);
    }
}
