package dev.portcullis.manage;

import dev.portcullis.apikeys.ApiKey;
import dev.portcullis.apikeys.ApiKeyService;
import dev.portcullis.apps.App;
import dev.portcullis.apps.AppService;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.events.EventDraft;
import dev.portcullis.events.EventLog;
import dev.portcullis.events.EventType;
import dev.portcullis.externallogin.LoginSettings;
import dev.portcullis.federation.UpstreamProviders;
import dev.portcullis.http.JsonBody;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.Provisioning.PreparedUser;
import dev.portcullis.identity.Provisioning;
import dev.portcullis.identity.Role;
import dev.portcullis.identity.User;
import dev.portcullis.resources.ResourceService;
import dev.portcullis.scopes.ScopeCheck;
import dev.portcullis.secrets.Ids;
import dev.portcullis.storage.Database;
import dev.portcullis.storage.Tx;
import dev.portcullis.webhooks.Webhooks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code portcullis admin import}: validates a whole {@link SetupFile} (errors name the JSON path
 * of the first bad value), then applies it in one transaction, so it lands entirely or not at all.
 * Idempotent: users match by email, workspaces by slug, apps by client_id (or owner and name),
 * API keys by workspace and name, resources by URI, webhooks by workspace and target_url; a match is updated, never duplicated.
 */
public final class SetupImport {
    private final Database db;
    private final IdentityService identity;
    private final Provisioning provisioning;
    private final AppService apps;
    private final ApiKeyService apiKeys;
    private final ResourceService resources;
    private final ScopeCheck scopeCheck;
    private final Ids ids;
    private final UpstreamProviders upstreams;
    private final ExchangeImport exchange;
    private final EventLog events;
    private final WebhookImport webhooks;

    public SetupImport(Database db, IdentityService identity, Provisioning provisioning, AppService apps, ApiKeyService apiKeys,
                       ResourceService resources, ScopeCheck scopeCheck, Ids ids, UpstreamProviders upstreams,
                       ExchangeImport exchange, EventLog events, Webhooks webhooks) {
        this.db = db;
        this.identity = identity;
        this.provisioning = provisioning;
        this.apps = apps;
        this.apiKeys = apiKeys;
        this.resources = resources;
        this.scopeCheck = scopeCheck;
        this.ids = ids;
        this.upstreams = upstreams;
        this.exchange = exchange;
        this.events = events;
        this.webhooks = new WebhookImport(webhooks, identity);
    }

    private record PlannedApp(String path, AppFields fields, AppSettings settings) {}
    private record PlannedKey(String path, String workspace, ApiKeyService.Draft draft) {}

    /** The file, checked and with passwords hashed: what {@link #apply} writes. */
    private record Plan(SetupFile file, List<PreparedUser> users, List<PlannedApp> apps, List<PlannedKey> keys,
                        List<UpstreamProviders.Draft> upstreams, ExchangeImport.Planned exchange, List<WebhookImport.Planned> webhooks) {}

    /** {@link #run(Actor, String)} by the operator's command line, which the events name as the server itself. */
    public Map<String, Object> run(String json) {
        return run(Actor.system(), json);
    }

    /**
     * Parses, validates and applies {@code json}; the report says what was created (with new secrets) and updated.
     * {@code actor}: who imports (the command line: {@link Actor#system()}), for the events of the apps and keys it writes.
     */
    public Map<String, Object> run(Actor actor, String json) {
        Plan plan = validate(JsonBody.parse(json, "The setup file", problem -> new Failure.Validation("$", problem)).as(SetupFile.class, "$"));
        Map<String, Object> report = db.inTransaction(tx -> apply(tx, actor, plan));
        if (!plan.apps().isEmpty()) apps.credentialsChanged();
        if (!plan.keys().isEmpty()) apiKeys.credentialsChanged();
        if (!plan.file().workspaces().isEmpty()) provisioning.credentialsChanged();
        return report;
    }

    private Plan validate(SetupFile file) {
        Set<String> emails = new HashSet<>();
        List<PreparedUser> users = new ArrayList<>();
        for (int i = 0; i < file.users().size(); i++) {
            var u = entry(file.users(), "$.users", i);
            PreparedUser prepared = at("$.users[" + i + "]", () -> provisioning.prepareUser(u.name(), u.email(), u.password(),
                    u.profileChange()));
            if (!emails.add(lower(prepared.email()))) throw invalid("$.users[" + i + "].email", "appears twice in the file");
            users.add(prepared);
        }
        Set<String> slugs = new HashSet<>();
        for (int i = 0; i < file.workspaces().size(); i++) {
            String path = "$.workspaces[" + i + "]";
            var w = entry(file.workspaces(), "$.workspaces", i);
            at(path, () -> {
                Provisioning.checkWorkspace(w.slug(), w.name());
                return null;
            });
            if (!slugs.add(w.slug())) throw invalid(path + ".slug", "appears twice in the file");
            checkMembers(path, w, emails);
        }
        List<PlannedApp> plannedApps = new ArrayList<>();
        Set<String> clientIds = new HashSet<>();
        for (int i = 0; i < file.apps().size(); i++) {
            plannedApps.add(validateApp("$.apps[" + i + "]", entry(file.apps(), "$.apps", i), emails, clientIds));
        }
        List<PlannedKey> keys = new ArrayList<>();
        Set<String> keyNames = new HashSet<>();
        for (int i = 0; i < file.apiKeys().size(); i++) {
            String path = "$.api_keys[" + i + "]";
            var k = entry(file.apiKeys(), "$.api_keys", i);
            if (!slugs.contains(k.workspace()) && identity.findWorkspaceBySlug(k.workspace()).isEmpty()) {
                throw invalid(path + ".workspace", "no workspace has this slug");
            }
            var draft = at(path, () -> new ApiKeyService.Draft(k.name(), k.scopes(), ApiKeyRoutes.expiry(k.expiresAt())));
            at(path, () -> {
                apiKeys.validate(draft, true);
                return null;
            });
            if (!keyNames.add(k.workspace() + "\n" + draft.name().strip())) throw invalid(path + ".name", "appears twice for this workspace");
            keys.add(new PlannedKey(path, k.workspace(), draft));
        }
        Set<String> uris = new HashSet<>();
        for (int i = 0; i < file.resources().size(); i++) {
            String path = "$.resources[" + i + "]";
            var r = entry(file.resources(), "$.resources", i);
            at(path, () -> {
                resources.validate(r.uri(), r.name(), r.scopes());
                return null;
            });
            if (!uris.add(r.uri())) throw invalid(path + ".uri", "appears twice in the file");
        }
        if (file.externalLogin() != null) at("$.external_login", () -> {
            LoginSettings.check(file.externalLogin());
            return null;
        });
        return new Plan(file, users, plannedApps, keys, validateUpstreams(file, slugs), exchange.validate(file, uris, clientIds),
                webhooks.validate(file, slugs));
    }

    /** Matched by id: an existing provider keeps its client_secret unless the file gives one. */
    private List<UpstreamProviders.Draft> validateUpstreams(SetupFile file, Set<String> slugs) {
        List<UpstreamProviders.Draft> drafts = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < file.upstreamProviders().size(); i++) {
            String path = "$.upstream_providers[" + i + "]";
            var u = entry(file.upstreamProviders(), "$.upstream_providers", i);
            var draft = at(path, () -> upstreams.validate(u, upstreams.find(u.id())));
            if (!ids.add(draft.provider().id())) throw invalid(path + ".id", "appears twice in the file");
            var join = draft.provider().autoJoin();
            if (join.isPresent() && !slugs.contains(join.get().workspace())) {
                at(path, () -> UpstreamProviderRoutes.checkWorkspace(u, identity, "auto_join.workspace"));
            }
            drafts.add(draft);
        }
        return drafts;
    }

    private void checkMembers(String path, SetupFile.WorkspaceEntry w, Set<String> emails) {
        boolean admin = false;
        for (int j = 0; j < w.members().size(); j++) {
            String memberPath = path + ".members[" + j + "]";
            var m = entry(w.members(), path + ".members", j);
            Role role = at(memberPath, () -> IdentityRoutes.role(m.role()));
            admin |= role == Role.ADMIN;
            checkUser(memberPath + ".email", m.email(), emails);
        }
        if (!admin) throw invalid(path + ".members", "a workspace needs at least one member with role admin");
    }

    private PlannedApp validateApp(String path, AppFields a, Set<String> emails, Set<String> clientIds) {
        AppSettings settings = at(path, () -> a.settings(Optional.empty(), scopeCheck));
        at(path, () -> {
            AppService.checkImportedCredentials(Optional.ofNullable(a.clientId()), Optional.ofNullable(a.clientSecret()));
            return null;
        });
        if (a.ownerUserId() != null) throw invalid(path + ".owner_user_id", "unknown field; use owner (an email)");
        if (a.owner() != null) checkUser(path + ".owner", a.owner(), emails);
        if (a.owner() == null && a.clientId() == null) {
            throw invalid(path, "an app needs a client_id or an owner, so that a second import finds it again");
        }
        if (a.clientSecret() != null && !settings.authMethod().usesSecret()) {
            throw invalid(path + ".client_secret", "an app with token_endpoint_auth_method " + settings.authMethod().wireName()
                    + " has no secret");
        }
        if (a.clientId() != null && !clientIds.add(a.clientId())) throw invalid(path + ".client_id", "appears twice in the file");
        return new PlannedApp(path, a, settings);
    }

    private void checkUser(String path, String email, Set<String> emails) {
        if (email == null || (!emails.contains(lower(email)) && identity.findByEmail(email).isEmpty())) {
            throw invalid(path, "no user has this email (add it under users)");
        }
    }

    private Map<String, Object> apply(Tx tx, Actor actor, Plan plan) {
        Report report = new Report();
        for (PreparedUser u : plan.users()) {
            var saved = provisioning.saveUser(tx, actor, u);
            report.add(saved.created(), "users", Report.entry("id", saved.value().id(), "email", saved.value().email()));
        }
        for (int i = 0; i < plan.file().workspaces().size(); i++) {
            applyWorkspace(tx, "$.workspaces[" + i + "]", plan.file().workspaces().get(i), report);
        }
        for (PlannedApp a : plan.apps()) at(a.path(), () -> applyApp(tx, actor, a, report));
        for (PlannedKey k : plan.keys()) at(k.path(), () -> applyKey(tx, actor, k, report));
        for (var r : plan.file().resources()) {
            var saved = resources.save(tx, r.uri(), r.name(), r.scopes() == null ? List.of() : r.scopes());
            report.add(saved.created(), "resources", Report.entry("id", saved.resource().id(), "uri", saved.resource().uri()));
        }
        for (var u : plan.upstreams()) {
            var saved = upstreams.save(tx, u);
            report.add(saved.created(), "upstream_providers", Report.entry("id", saved.provider().id(), "name", saved.provider().name()));
        }
        exchange.apply(tx, plan.exchange(), report);
        webhooks.apply(tx, plan.webhooks(), report);
        if (plan.file().externalLogin() != null) {
            LoginSettings.save(tx, plan.file().externalLogin());
            report.add(false, "external_login", Report.entry("external_login_uri", plan.file().externalLogin().externalLoginUri(),
                    "password_login", plan.file().externalLogin().passwordLogin()));
        }
        events.record(tx, report.counts(EventDraft.of(EventType.SETTINGS_IMPORTED, actor)));
        return report.json();
    }

    private void applyWorkspace(Tx tx, String path, SetupFile.WorkspaceEntry w, Report report) {
        // Admins first, so demoting a former admin never leaves the workspace without one.
        var members = w.members().stream().sorted(Comparator.comparing(m -> !Role.ADMIN.value().equals(m.role()))).toList();
        Map<String, String> userIds = new HashMap<>();
        for (var m : members) userIds.put(m.email(), userId(tx, m.email()));
        var saved = at(path, () -> provisioning.saveWorkspace(tx, w.slug(), w.name(), userIds.get(members.getFirst().email()),
                Actor.system()));
        for (var m : members) {
            at(path + ".members", () -> {
                provisioning.setMember(tx, saved.value().id(), userIds.get(m.email()), Role.parse(m.role()).orElseThrow(),
                        Actor.system());
                return null;
            });
        }
        report.add(saved.created(), "workspaces", Report.entry("id", saved.value().id(), "slug", saved.value().slug()));
    }

    private Void applyApp(Tx tx, Actor actor, PlannedApp a, Report report) {
        AppFields f = a.fields();
        Optional<String> owner = Optional.ofNullable(f.owner()).map(email -> userId(tx, email));
        Optional<App> existing = f.clientId() != null
                ? apps.find(tx, f.clientId())
                : apps.list(tx, owner.orElseThrow()).stream().filter(app -> app.name().equals(a.settings().name())).findFirst();
        if (existing.isPresent()) {
            App updated = apps.update(tx, actor, existing.get(), a.settings());
            if (f.clientSecret() != null) apps.importSecret(tx, actor, updated, f.clientSecret());
            report.add(false, "apps", Report.entry("client_id", updated.clientId(), "name", updated.name()));
            return null;
        }
        var created = apps.createWithCredentials(tx, actor, owner, f.clientId() == null ? ids.next() : f.clientId(),
                Optional.ofNullable(f.clientSecret()), a.settings());
        Map<String, Object> entry = Report.entry("client_id", created.app().clientId(), "name", created.app().name());
        if (f.clientSecret() == null) created.clientSecret().ifPresent(s -> entry.put("client_secret", s));
        report.add(true, "apps", entry);
        return null;
    }

    private Void applyKey(Tx tx, Actor actor, PlannedKey k, Report report) {
        String workspaceId = identity.findWorkspaceBySlug(tx, k.workspace()).orElseThrow().id();
        Optional<ApiKey> existing = apiKeys.findByName(tx, workspaceId, k.draft().name().strip());
        if (existing.isPresent()) {
            ApiKey updated = apiKeys.update(tx, dev.portcullis.apikeys.Actor.operator(actor), existing.get(), k.draft());
            report.add(false, "api_keys", Report.entry("id", updated.id(), "workspace", k.workspace(), "name", updated.name()));
            return null;
        }
        var created = apiKeys.create(tx, dev.portcullis.apikeys.Actor.operator(actor), workspaceId, k.draft());
        report.add(true, "api_keys", Report.entry("id", created.key().id(), "workspace", k.workspace(), "name", created.key().name(),
                "key", created.secret()));
        return null;
    }

    private String userId(Tx tx, String email) {
        return identity.findByEmail(tx, email).map(User::id).orElseThrow();
    }

    /** Runs a step; a validation error it raises is re-raised with {@code path} before its field. */
    static <T> T at(String path, Supplier<T> step) {
        try {
            return step.get();
        } catch (OAuthException e) {
            if (e.error() instanceof Failure.Validation v) throw invalid(path + "." + v.field(), v.description());
            throw invalid(path, e.error().description());
        }
    }

    private static <T> T entry(List<T> list, String path, int i) {
        T value = list.get(i);
        if (value == null) throw invalid(path + "[" + i + "]", "must be an object");
        return value;
    }

    private static OAuthException invalid(String path, String message) {
        return OAuthException.validation(path, message);
    }

    private static String lower(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
