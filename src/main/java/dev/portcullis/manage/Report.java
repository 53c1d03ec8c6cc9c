package dev.portcullis.manage;

import dev.portcullis.events.EventDraft;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What an import did, by section: {@code {"created": {...}, "updated": {...}}}. */
final class Report {
    private final Map<String, List<Object>> created = new LinkedHashMap<>();
    private final Map<String, List<Object>> updated = new LinkedHashMap<>();

    void add(boolean isNew, String section, Object entry) {
        (isNew ? created : updated).computeIfAbsent(section, s -> new ArrayList<>()).add(entry);
    }

    /** An entry with its fields in the given order, for a readable report. */
    static Map<String, Object> entry(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return out;
    }

    /**
     * The audit event's data: {@code <section>_created} and {@code <section>_updated} counts, and the
     * totals {@code created} and {@code updated}; never the entries (they hold new secrets).
     */
    EventDraft counts(EventDraft draft) {
        EventDraft out = draft;
        for (var e : created.entrySet()) out = out.with(e.getKey() + "_created", e.getValue().size());
        for (var e : updated.entrySet()) out = out.with(e.getKey() + "_updated", e.getValue().size());
        return out.with("created", created.values().stream().mapToInt(List::size).sum())
                .with("updated", updated.values().stream().mapToInt(List::size).sum());
    }

    Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("created", created);
        out.put("updated", updated);
        return out;
    }
}
