package dev.portcullis;

import dev.portcullis.authorize.PendingApps;
import dev.portcullis.config.Config;
import dev.portcullis.mfa.PendingLogins;
import dev.portcullis.mfa.SecondFactors;
import dev.portcullis.mfa.SqlPendingLoginRepository;
import dev.portcullis.mfa.SqlRecoveryCodeRepository;
import dev.portcullis.mfa.SqlTotpRepository;
import dev.portcullis.web.account.TwoFactorPages;
import dev.portcullis.web.flash.Flashes;
import dev.portcullis.web.login.SecondFactorPage;
import java.time.Duration;

/** Second factors (docs/account-security-factors.md): the login's second step and the enrolment pages on /account. */
record MfaWiring(SecondFactors factors, SecondFactorPage loginStep, TwoFactorPages accountPages) {

    static MfaWiring of(Core core, WebWiring web, PendingApps pendingApps, Flashes flashes) {
        Config config = core.config();
        var factors = new SecondFactors(core.database(), new SqlTotpRepository(), new SqlRecoveryCodeRepository(), core.keys(),
                config.server().issuer(), core.clock(), core.random());
        var pending = new PendingLogins(core.database(), new SqlPendingLoginRepository(), core.clock(), core.random());
        // Wrong codes count per user, as many a minute as wrong passwords per account (PORTCULLIS_LOGIN_ATTEMPTS_PER_MINUTE).
        var wrongCodes = core.rateLimits().per("mfa-user", config.limits().loginAttemptsPerMinute(), Duration.ofMinutes(1));
        var loginStep = new SecondFactorPage(pending, factors, core.sessions(), web.sessionCookie(), web.csrf(), web.pages(),
                wrongCodes, pendingApps, core.clock());
        return new MfaWiring(factors, loginStep, new TwoFactorPages(factors, web.currentUser(), web.pages(), flashes));
    }
}
