package dev.portcullis.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The event data column is written by hand with Jackson's generator: it must read back as the mapper reads it. */
class EventDataJsonTest {

    @Test
    void everyAdmittedValueTypeReadsBackUnchangedAndStringsAreEscaped() throws Exception {
        EventDraft draft = EventDraft.of(EventType.APP_UPDATED, Actor.system())
                .with("name", "quote \" backslash \\ newline \n tab \t bell \u0007 é 🚀")
                .with("confidential", false).with("count", 3).with("big", 9_007_199_254_740_993L).with("ratio", 0.25)
                .with("scopes", List.of("task:read", "a \"b\"")).with("none", List.of());
        String json = SqlEventRepository.json(draft.data());
        Map<?, ?> back = new ObjectMapper().readValue(json, Map.class);
        assertEquals(draft.data(), back);
    }

    @Test
    void aFactAddedTwiceKeepsTheLaterValueAndAnUnsupportedValueIsRefused() {
        EventDraft draft = EventDraft.of(EventType.APP_UPDATED, Actor.system()).with("name", "old").with("name", "new");
        assertEquals(Map.of("name", "new"), draft.data());
        assertThrows(IllegalArgumentException.class, () -> draft.with("when", new Object()));
    }
}
