package dev.portcullis.apikeys;

import dev.portcullis.credentials.CredentialInvalidation;
import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.EventDraft;
import dev.portcullis.events.EventLog;
import dev.portcullis.events.EventType;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.oauth.DisplayText;
import dev.portcullis.scopes.ScopeCheck;
import dev.portcullis.secrets.Ids;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.storage.Database;
import dev.portcullis.storage.Tx;
import dev.portcullis.storage.UniqueViolation;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Workspace API keys, managed by the workspace's admins (or the operator). A non-member cannot
 * tell the workspace exists (404); a member who is not an admin is refused (403). The {@code sk_}
 * value is returned once by {@link #create} and only its hash is kept.
 */
public final class ApiKeyService {
    private static final int MAX_NAME = 100;

    private final Database db;
    private final ApiKeyRepository keys;
    private final IdentityService identity;
    private final ScopeCheck scopeCheck;
    private final Ids ids;
    private final SecureRandom random;
    private final Clock clock;
    private final CredentialInvalidation credentials;
    private final EventLog events;

    /** {@code events}: every create, edit and revoke is recorded in its own transaction, by {@link Actor#audit()}. */
    public ApiKeyService(Database db, ApiKeyRepository keys, IdentityService identity, ScopeCheck scopeCheck, Ids ids,
                         SecureRandom random, Clock clock, CredentialInvalidation credentials, EventLog events) {
        this.events = events;
        this.db = db;
        this.keys = keys;
        this.identity = identity;
        this.scopeCheck = scopeCheck;
        this.ids = ids;
        this.random = random;
        this.clock = clock;
        this.credentials = credentials;
    }

    /** A new key and its secret value: the only time the value exists outside the caller's hands. */
    public record Created(ApiKey key, String secret) {
        @Override
        public String toString() {
            return "Created[" + key + "]";
        }
    }

    /** What a key should be; scopes are none unless chosen, and it never expires unless given an expiry. */
    public record Draft(String name, List<String> scopes, Optional<Instant> expiresAt) {
        public Draft {
            // Stream.toList keeps a null element, so validation can name it (scopes[i]) instead of failing here.
            scopes = scopes == null ? List.of() : scopes.stream().distinct().toList();
            expiresAt = expiresAt.map(e -> e.truncatedTo(ChronoUnit.MILLIS));
        }
    }

    public Created create(Actor actor, String workspaceId, Draft draft) {
        validate(draft, true);
        return db.inTransaction(tx -> {
            requireManager(tx, actor, workspaceId);
            Optional<String> creator = actor instanceof Actor.Member m ? Optional.of(m.userId()) : Optional.empty();
            return created(tx, actor, insert(tx, workspaceId, creator, draft));
        });
    }

    public List<ApiKey> list(Actor actor, String workspaceId) {
        return db.inTransaction(tx -> {
            requireManager(tx, actor, workspaceId);
            return keys.listByWorkspace(tx, workspaceId);
        });
    }

    public ApiKey get(Actor actor, String workspaceId, String keyId) {
        return db.inTransaction(tx -> {
            requireManager(tx, actor, workspaceId);
            return existing(tx, workspaceId, keyId);
        });
    }

    /** Renames and/or re-scopes a key; an absent part is left as it is. Takes effect on the key's next use. */
    public ApiKey edit(Actor actor, String workspaceId, String keyId, Optional<String> name, Optional<List<String>> scopes) {
        ApiKey edited = db.inTransaction(tx -> {
            requireManager(tx, actor, workspaceId);
            ApiKey key = existing(tx, workspaceId, keyId);
            Draft draft = new Draft(name.orElse(key.name()), scopes.orElse(key.scopes()), key.expiresAt());
            validate(draft, false);
            return update(tx, actor, key, draft);
        });
        credentials.changed();
        return edited;
    }

    /** Deletes the key: it stops working at once on this instance, within a second on others. */
    public void revoke(Actor actor, String workspaceId, String keyId) {
        db.inTransaction(tx -> {
            requireManager(tx, actor, workspaceId);
            ApiKey key = existing(tx, workspaceId, keyId);
            boolean deleted = keys.delete(tx, key.id());
            events.record(tx, about(EventType.API_KEY_REVOKED, actor, key));
            return deleted;
        });
        credentials.changed();
    }

    // --- For imports, inside the caller's transaction (the caller has checked the workspace).

    public Optional<ApiKey> findByName(Tx tx, String workspaceId, String name) {
        return keys.findByName(tx, workspaceId, name);
    }

    public Created create(Tx tx, Actor actor, String workspaceId, Draft draft) {
        validate(draft, true);
        return created(tx, actor, insert(tx, workspaceId, Optional.empty(), draft));
    }

    private Created created(Tx tx, Actor actor, Created created) {
        events.record(tx, about(EventType.API_KEY_CREATED, actor, created.key())
                .with("expires_at", created.key().expiresAt().map(Object::toString).orElse(null)));
        return created;
    }

    /** The key's id, name and scopes and a prefix of its stored hash; never the key. */
    private static EventDraft about(EventType type, Actor actor, ApiKey key) {
        return EventDraft.of(type, actor.audit())
                .inWorkspace(key.workspaceId())
                .about("api_key", key.id())
                .with("key_id", key.id())
                .with("name", key.name())
                .with("scopes", key.scopes());
    }

    /** Sets scopes and expiry of an existing key; the secret stays the same. Call {@link #credentialsChanged()} after commit. */
    public ApiKey update(Tx tx, Actor actor, ApiKey key, Draft draft) {
        validate(draft, false);
        try {
            keys.update(tx, key.id(), draft.name().strip(), draft.scopes(), draft.expiresAt());
        } catch (UniqueViolation e) {
            throw nameTaken();
        }
        ApiKey updated = keys.find(tx, key.workspaceId(), key.id()).orElseThrow();
        events.record(tx, about(EventType.API_KEY_UPDATED, actor, updated).with("previous_name", key.name())
                .with("previous_scopes", key.scopes()));
        return updated;
    }

    public void credentialsChanged() {
        credentials.changed();
    }

    /** Validates a draft as {@link #create} would, naming the field; for whole-file validation before applying. */
    public void validate(Draft draft, boolean isNew) {
        String name = draft.name() == null ? "" : draft.name().strip();
        if (name.isEmpty()) throw OAuthException.validation("name", "Name is required");
        if (name.length() > MAX_NAME) throw OAuthException.validation("name", "Name must be at most " + MAX_NAME + " characters");
        if (!DisplayText.isSafe(name)) throw OAuthException.validation("name", "Name contains control or text-direction characters");
        scopeCheck.check("scopes", draft.scopes());
        if (isNew && draft.expiresAt().filter(e -> !e.isAfter(clock.instant())).isPresent()) {
            throw OAuthException.validation("expires_at", "Expiry must be in the future");
        }
    }

    private Created insert(Tx tx, String workspaceId, Optional<String> creator, Draft draft) {
        Token token = Token.mint(TokenKind.API_KEY, random);
        ApiKey key = new ApiKey(ids.next(), workspaceId, draft.name().strip(), draft.scopes(), token.hint(), creator,
                clock.instant().truncatedTo(ChronoUnit.MILLIS), draft.expiresAt(), Optional.empty());
        try {
            keys.insert(tx, key, token.hash());
        } catch (UniqueViolation e) {
            throw nameTaken();
        }
        return new Created(key, token.value());
    }

    private void requireManager(Tx tx, Actor actor, String workspaceId) {
        switch (actor) {
            case Actor.Member m -> identity.checkAdmin(tx, m.userId(), workspaceId);
            case Actor.Operator o -> {
                if (identity.findWorkspace(tx, workspaceId).isEmpty()) throw OAuthException.notFound("Workspace not found");
            }
        }
    }

    private ApiKey existing(Tx tx, String workspaceId, String keyId) {
        return keys.find(tx, workspaceId, keyId).orElseThrow(() -> OAuthException.notFound("API key not found"));
    }

    private static OAuthException nameTaken() {
        return new OAuthException(new Failure.Conflict("This workspace already has an API key with that name"));
    }
}
