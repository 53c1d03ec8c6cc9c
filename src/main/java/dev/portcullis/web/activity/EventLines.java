package dev.portcullis.web.activity;

import dev.portcullis.apps.App;
import dev.portcullis.apps.AppService;
import dev.portcullis.events.Actor;
import dev.portcullis.events.Event;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.User;
import dev.portcullis.web.dashboard.Timestamps;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns events into {@link EventLine}s, looking each user and app up once per page. */
final class EventLines {
    private final IdentityService identity;
    private final AppService apps;

    EventLines(IdentityService identity, AppService apps) {
        this.identity = identity;
        this.apps = apps;
    }

    List<EventLine> of(List<Event> events) {
        Names names = new Names();
        return events.stream().map(e -> new EventLine(e.id(), e.type().wireName(), e.occurredAt(), Timestamps.utc(e.occurredAt()),
                names.who(e.actor()), Wording.of(e.type()), e.target().map(t -> names.target(t, e.data())).orElse(""),
                e.actor().address().orElse("unknown"), UserAgents.readable(e.actor().userAgent()))).toList();
    }

    /** The names seen on one page, so a user who signed in twenty times is read once. */
    private final class Names {
        private final Map<String, Optional<User>> users = new HashMap<>();
        private final Map<String, Optional<App>> appsById = new HashMap<>();

        String who(Actor a) {
            String id = a.id().orElse("");
            return switch (a.kind()) {
                case USER -> of("user", id);
                case CLIENT -> of("app", id);
                case API_KEY -> "API key " + id;
                case OPERATOR -> "Operator token " + id;
                case ANONYMOUS -> "Someone not signed in";
                case SYSTEM -> "Portcullis";
            };
        }

        /** A user or app by its name; anything else by the name the event recorded, else by its id. */
        String target(Event.Target t, Map<String, Object> data) {
            if (!t.kind().equals("user") && !t.kind().equals("app") && data.get("name") instanceof String name) {
                return t.kind().replace('_', ' ') + " " + name;
            }
            return of(t.kind(), t.id());
        }

        String of(String kind, String id) {
            return switch (kind) {
                case "user" -> users.computeIfAbsent(id, identity::findUser)
                        .map(u -> u.name() + " (" + u.email() + ")").orElse("user " + id);
                case "app" -> appsById.computeIfAbsent(id, apps::find).map(a -> "app " + a.name()).orElse("app " + id);
                default -> kind.replace('_', ' ') + " " + id;
            };
        }
    }
}
