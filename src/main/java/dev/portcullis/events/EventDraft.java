package dev.portcullis.events;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An event before it is recorded: what happened, who did it, and optionally where (the
 * workspace), to what (the target) and a few facts. Built fluently at the call site:
 * {@code EventDraft.of(APP_CREATED, actor).about("app", id).with("name", name)}.
 */
public record EventDraft(EventType type, Actor actor, Optional<String> workspaceId, Optional<Event.Target> target,
                         Map<String, Object> data) {

    public EventDraft {
        data = Map.copyOf(data);
    }

    public static EventDraft of(EventType type, Actor actor) {
        return new EventDraft(type, actor, Optional.empty(), Optional.empty(), Map.of());
    }

    public EventDraft inWorkspace(String workspaceId) {
        return new EventDraft(type, actor, Optional.ofNullable(workspaceId), target, data);
    }

    public EventDraft about(String kind, String id) {
        return new EventDraft(type, actor, workspaceId, Optional.of(new Event.Target(kind, id)), data);
    }

    /** Adds one fact: a string, number, boolean or list of strings. A null value is left out. */
    public EventDraft with(String key, Object value) {
        if (value == null) return this;
        if (!(value instanceof String || value instanceof Number || value instanceof Boolean || value instanceof List<?>)) {
            throw new IllegalArgumentException("event data " + key + " must be a string, number, boolean or list");
        }
        Object kept = value instanceof List<?> list ? List.copyOf(list) : value;
        if (data.containsKey(key)) {
            Map<String, Object> replaced = new HashMap<>(data);
            replaced.put(key, kept);
            return new EventDraft(type, actor, workspaceId, target, replaced);
        }
        // Every token writes an event with a few facts: one immutable map per fact, not two.
        @SuppressWarnings("unchecked")
        Map.Entry<String, Object>[] entries = data.entrySet().toArray(new Map.Entry[data.size() + 1]);
        entries[data.size()] = Map.entry(key, kept);
        return new EventDraft(type, actor, workspaceId, target, Map.ofEntries(entries));
    }
}
