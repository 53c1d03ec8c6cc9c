package dev.portcullis.apps;

import dev.portcullis.events.Actor;
import dev.portcullis.events.EventDraft;
import dev.portcullis.events.EventLog;
import dev.portcullis.events.EventType;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.storage.Tx;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The audit events of apps, each recorded in the transaction of the change. Data holds the
 * client id, the name and which settings changed; never a secret or a registration token.
 */
final class AppEvents {
    private final EventLog events;

    AppEvents(EventLog events) {
        this.events = events;
    }

    void created(Tx tx, Actor actor, App app) {
        events.record(tx, about(EventType.APP_CREATED, actor, app)
                .with("auth_method", app.authMethod().wireName()));
    }

    /** RFC 7591: {@code initialToken}: whether the registrant presented the initial access token. */
    void selfRegistered(Tx tx, Actor actor, App app, boolean initialToken) {
        events.record(tx, about(EventType.APP_SELF_REGISTERED, actor, app)
                .with("auth_method", app.authMethod().wireName())
                .with("initial_access_token", initialToken)
                .with("redirect_uris", app.settings().redirectUris().stream().map(RedirectUri::value).toList()));
    }

    void updated(Tx tx, Actor actor, App before, AppSettings after) {
        events.record(tx, about(EventType.APP_UPDATED, actor, before)
                .with("changed", changed(before.settings(), after)));
    }

    void deleted(Tx tx, Actor actor, App app) {
        events.record(tx, about(EventType.APP_DELETED, actor, app));
    }

    /** The unused-app sweep deleted a self-registered app that never got a token. */
    void swept(Tx tx, String clientId, String name) {
        events.record(tx, EventDraft.of(EventType.APP_DELETED, Actor.system()).about("app", clientId)
                .with("client_id", clientId).with("name", name).with("reason", "unused"));
    }

    /** {@code how}: "rotated" (old ones live for the grace period), "rotated_revoking_old", or "imported". */
    void secretRotated(Tx tx, Actor actor, App app, String secretId, String how) {
        events.record(tx, about(EventType.APP_SECRET_ROTATED, actor, app)
                .with("secret_id", secretId)
                .with("how", how));
    }

    /** A client metadata document was fetched and stored for the first time ({@code stored}) or changed ({@code updated}). */
    void metadataFetched(Tx tx, String clientId, String name, String stored) {
        events.record(tx, EventDraft.of(EventType.APP_METADATA_FETCHED, Actor.system())
                .about("app", clientId)
                .with("client_id", clientId)
                .with("name", name)
                .with("stored", stored));
    }

    private static EventDraft about(EventType type, Actor actor, App app) {
        return EventDraft.of(type, actor)
                .about("app", app.clientId())
                .with("client_id", app.clientId())
                .with("name", app.settings().name());
    }

    /** The names of the settings that differ, in declaration order: what was changed, not to what. */
    static List<String> changed(AppSettings before, AppSettings after) {
        List<String> names = new ArrayList<>();
        try {
            for (RecordComponent c : AppSettings.class.getRecordComponents()) {
                if (!Objects.equals(c.getAccessor().invoke(before), c.getAccessor().invoke(after))) names.add(snakeCase(c.getName()));
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("AppSettings components are public record accessors", e);
        }
        return names;
    }

    private static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
