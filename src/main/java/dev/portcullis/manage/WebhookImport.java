package dev.portcullis.manage;

import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.storage.Tx;
import dev.portcullis.webhooks.Webhooks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The setup file's {@code webhooks}: checked with the rest of the file, applied in its
 * transaction. A new endpoint's secret is in the report, once; a second import updates it.
 */
final class WebhookImport {
    private final Webhooks webhooks;
    private final IdentityService identity;

    record Planned(String path, Optional<String> workspaceSlug, Webhooks.Draft draft) {}

    WebhookImport(Webhooks webhooks, IdentityService identity) {
        this.webhooks = webhooks;
        this.identity = identity;
    }

    /** {@code fileSlugs}: the workspaces the same file creates, which count as existing. */
    List<Planned> validate(SetupFile file, Set<String> fileSlugs) {
        List<Planned> planned = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < file.webhooks().size(); i++) {
            String path = "$.webhooks[" + i + "]";
            var w = file.webhooks().get(i);
            if (w == null) throw OAuthException.validation(path, "must be an object");
            Optional<String> slug = Optional.ofNullable(w.workspace());
            if (slug.isPresent() && !fileSlugs.contains(slug.get()) && identity.findWorkspaceBySlug(slug.get()).isEmpty()) {
                throw OAuthException.validation(path + ".workspace", "no workspace has this slug");
            }
            var draft = new Webhooks.Draft(w.targetUrl(), w.eventTypes(), w.enabled());
            SetupImport.at(path, () -> {
                webhooks.check(draft);
                return null;
            });
            if (!seen.add(slug.orElse("") + "\n" + w.targetUrl().strip())) {
                throw OAuthException.validation(path + ".target_url", "appears twice for this workspace");
            }
            planned.add(new Planned(path, slug, draft));
        }
        return planned;
    }

    void apply(Tx tx, List<Planned> planned, Report report) {
        for (Planned p : planned) {
            Optional<String> workspaceId = p.workspaceSlug().map(slug -> identity.findWorkspaceBySlug(tx, slug).orElseThrow().id());
            var saved = SetupImport.at(p.path(), () -> webhooks.save(tx, Actor.system(), workspaceId, p.draft()));
            var entry = Report.entry("id", saved.endpoint().id(), "workspace", p.workspaceSlug().orElse(null), "target_url",
                    saved.endpoint().targetUrl().toString());
            saved.newSecret().ifPresent(secret -> entry.put("secret", secret.reveal()));
            report.add(saved.newSecret().isPresent(), "webhooks", entry);
        }
    }
}
