package dev.portcullis.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** RFC 8628 §6.1: 8 letters of 20 consonants, shown XXXX-XXXX, read case- and dash-insensitively. */
class UserCodeTest {

    @Test
    void mintedCodesUseTheReducedAlphabetAndShowAsTwoGroupsOfFour() {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 1000; i++) {
            String shown = UserCode.mint(random).display();
            assertTrue(Pattern.matches("[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}", shown), shown);
        }
    }

    @Test
    void parseIgnoresCaseDashesAndSpaces() {
        UserCode expected = new UserCode("WDJBMJHT");
        for (String typed : new String[] {"WDJB-MJHT", "wdjb-mjht", "wdjbmjht", " WDJB MJHT ", "WD-JB-MJ-HT"}) {
            assertEquals(Optional.of(expected), UserCode.parse(typed), typed);
        }
        assertEquals(expected.hash(), UserCode.parse("wdjb mjht").orElseThrow().hash(), "one hash for every spelling");
    }

    @Test
    void parseRefusesVowelsLookAlikesAndWrongLengths() {
        for (String typed : new String[] {"WDJB-MJHA", "WDJB-MJH0", "WDJB-MJHI", "WDJB-MJH", "WDJB-MJHTT", "", "WDJB_MJHT"}) {
            assertTrue(UserCode.parse(typed).isEmpty(), typed);
        }
        assertTrue(UserCode.parse(null).isEmpty());
    }
}
