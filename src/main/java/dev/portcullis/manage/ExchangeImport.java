package dev.portcullis.manage;

import dev.portcullis.error.OAuthException;
import dev.portcullis.exchange.ExchangeTargets;
import dev.portcullis.exchange.TrustedIssuer;
import dev.portcullis.exchange.TrustedIssuers;
import dev.portcullis.storage.Tx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The setup file's {@code trusted_issuers} (matched by id) and {@code token_exchange_targets}
 * (the whole list per client_id), checked with the rest of the file and applied in its transaction.
 */
public final class ExchangeImport {
    private final TrustedIssuers issuers;
    private final ExchangeTargets targets;

    record Target(String clientId, List<String> resources) {}

    record Planned(List<TrustedIssuer> issuers, List<Target> targets) {}

    public ExchangeImport(TrustedIssuers issuers, ExchangeTargets targets) {
        this.issuers = issuers;
        this.targets = targets;
    }

    /** {@code fileResources} and {@code fileClients}: what the same file registers, which counts as known. */
    Planned validate(SetupFile file, Set<String> fileResources, Set<String> fileClients) {
        List<TrustedIssuer> planned = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < file.trustedIssuers().size(); i++) {
            String path = "$.trusted_issuers[" + i + "]";
            var f = file.trustedIssuers().get(i);
            if (f == null) throw OAuthException.validation(path, "must be an object");
            var issuer = SetupImport.at(path, () -> issuers.validate(f, issuers.find(f.id())));
            if (!ids.add(issuer.id())) throw OAuthException.validation(path + ".id", "appears twice in the file");
            planned.add(issuer);
        }
        List<Target> plannedTargets = new ArrayList<>();
        for (int i = 0; i < file.tokenExchangeTargets().size(); i++) {
            String path = "$.token_exchange_targets[" + i + "]";
            var t = file.tokenExchangeTargets().get(i);
            if (t == null) throw OAuthException.validation(path, "must be an object");
            if (!fileClients.contains(t.clientId()) && !targets.appExists(t.clientId())) {
                throw OAuthException.validation(path + ".client_id", "no app has this client_id");
            }
            plannedTargets.add(new Target(t.clientId(), targets.validate(path + ".resources", t.resources(), fileResources)));
        }
        return new Planned(planned, plannedTargets);
    }

    void apply(Tx tx, Planned plan, Report report) {
        for (TrustedIssuer t : plan.issuers()) {
            var saved = issuers.save(tx, t);
            report.add(saved.created(), "trusted_issuers", Report.entry("id", t.id(), "issuer", t.issuer()));
        }
        for (Target t : plan.targets()) {
            targets.replace(tx, t.clientId(), t.resources());
            report.add(false, "token_exchange_targets", Report.entry("client_id", t.clientId(), "resources", t.resources()));
        }
    }
}
