package dev.portcullis.federation;

import dev.portcullis.identity.Role;
import dev.portcullis.storage.Row;
import dev.portcullis.storage.Tx;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Upstream providers in SQL; list columns hold space-separated values (scopes, domains never contain spaces). */
public final class SqlUpstreamProviderRepository implements UpstreamProviderRepository {
    private static final String COLUMNS = "id, name, issuer, client_id, scopes, allowed_email_domains, auto_join_domain, "
            + "auto_join_workspace, auto_join_role, created_at, updated_at";

    @Override
    public void insert(Tx tx, UpstreamProvider p, String sealedSecret) {
        var join = p.autoJoin();
        tx.update("INSERT INTO upstream_providers (" + COLUMNS + ", sealed_client_secret) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p.id(), p.name(), p.issuer().toString(), p.clientId(), String.join(" ", p.scopes()),
                String.join(" ", p.allowedEmailDomains()), join.map(UpstreamProvider.AutoJoin::emailDomain).orElse(null),
                join.map(UpstreamProvider.AutoJoin::workspace).orElse(null), join.map(j -> j.role().value()).orElse(null),
                p.createdAt(), p.updatedAt(), sealedSecret);
    }

    @Override
    public boolean update(Tx tx, UpstreamProvider p, Optional<String> sealedSecret) {
        var join = p.autoJoin();
        boolean updated = tx.update("UPDATE upstream_providers SET name = ?, issuer = ?, client_id = ?, scopes = ?, allowed_email_domains = ?, "
                        + "auto_join_domain = ?, auto_join_workspace = ?, auto_join_role = ?, updated_at = ? WHERE id = ?",
                p.name(), p.issuer().toString(), p.clientId(), String.join(" ", p.scopes()), String.join(" ", p.allowedEmailDomains()),
                join.map(UpstreamProvider.AutoJoin::emailDomain).orElse(null), join.map(UpstreamProvider.AutoJoin::workspace).orElse(null),
                join.map(j -> j.role().value()).orElse(null), p.updatedAt(), p.id()) == 1;
        sealedSecret.ifPresent(s -> tx.update("UPDATE upstream_providers SET sealed_client_secret = ? WHERE id = ?", s, p.id()));
        return updated;
    }

    @Override
    public Optional<UpstreamProvider> find(Tx tx, String id) {
        return tx.queryOne("SELECT " + COLUMNS + " FROM upstream_providers WHERE id = ?", SqlUpstreamProviderRepository::provider, id);
    }

    @Override
    public List<UpstreamProvider> list(Tx tx) {
        return tx.query("SELECT " + COLUMNS + " FROM upstream_providers ORDER BY name, id", SqlUpstreamProviderRepository::provider);
    }

    @Override
    public boolean any(Tx tx) {
        return tx.count("SELECT count(*) AS n FROM (SELECT id FROM upstream_providers LIMIT 1) AS one") > 0;
    }

    @Override
    public Optional<String> sealedSecretOf(Tx tx, String id) {
        return tx.queryOne("SELECT sealed_client_secret FROM upstream_providers WHERE id = ?", r -> r.text("sealed_client_secret"), id);
    }

    @Override
    public boolean delete(Tx tx, String id) {
        return tx.update("DELETE FROM upstream_providers WHERE id = ?", id) == 1;
    }

    private static UpstreamProvider provider(Row r) {
        Optional<UpstreamProvider.AutoJoin> join = r.optionalText("auto_join_domain").map(domain -> new UpstreamProvider.AutoJoin(
                domain, r.text("auto_join_workspace"), Role.parse(r.text("auto_join_role")).orElse(Role.MEMBER)));
        return new UpstreamProvider(r.text("id"), r.text("name"), URI.create(r.text("issuer")), r.text("client_id"),
                words(r.text("scopes")), words(r.text("allowed_email_domains")), join, r.instant("created_at"), r.instant("updated_at"));
    }

    private static List<String> words(String value) {
        return value.isBlank() ? List.of() : Arrays.asList(value.split(" "));
    }
}
