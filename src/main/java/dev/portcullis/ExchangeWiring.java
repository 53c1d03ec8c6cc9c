package dev.portcullis;

import dev.portcullis.exchange.ExchangeTargets;
import dev.portcullis.exchange.SqlExchangeTargetRepository;
import dev.portcullis.exchange.SqlTrustedIssuerRepository;
import dev.portcullis.exchange.TrustedIssuers;
import dev.portcullis.manage.ExchangeImport;
import dev.portcullis.manage.ExchangeRoutes;
import dev.portcullis.resources.KnownResources;

/** The operator's side of token exchange and the jwt-bearer grant: trusted issuers and exchange targets, for /manage/v1 and import. */
public record ExchangeWiring(TrustedIssuers issuers, ExchangeTargets targets) {

    public static ExchangeWiring of(Core core) {
        var issuers = new TrustedIssuers(core.database(), new SqlTrustedIssuerRepository(), core.clock());
        var targets = new ExchangeTargets(core.database(), new SqlExchangeTargetRepository(), core.apps(),
                new KnownResources(core.config().server().issuer().toString(), core.resources()));
        return new ExchangeWiring(issuers, targets);
    }

    public ExchangeRoutes routes() {
        return new ExchangeRoutes(issuers, targets);
    }

    public ExchangeImport setupImport() {
        return new ExchangeImport(issuers, targets);
    }
}
