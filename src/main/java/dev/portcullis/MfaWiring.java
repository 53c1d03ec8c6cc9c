package dev.portcullis;

import dev.portcullis.authorize.PendingApps;
import dev.portcullis.config.Config;
import dev.portcullis.mfa.Passkeys;
import dev.portcullis.mfa.PendingLogins;
import dev.portcullis.mfa.SecondFactors;
import dev.portcullis.mfa.SqlPasskeyCeremonyRepository;
import dev.portcullis.mfa.SqlPasskeyRepository;
import dev.portcullis.mfa.SqlPendingLoginRepository;
import dev.portcullis.mfa.SqlRecoveryCodeRepository;
import dev.portcullis.mfa.SqlTotpRepository;
import dev.portcullis.mfa.SqlWorkspaceRequirementRepository;
import dev.portcullis.mfa.WorkspaceRequirements;
import dev.portcullis.web.SecondFactorStep;
import dev.portcullis.web.WorkspaceGate;
import dev.portcullis.web.account.PasskeyPages;
import dev.portcullis.web.account.TwoFactorPages;
import dev.portcullis.web.flash.Flashes;
import dev.portcullis.web.login.SecondFactorPage;
import dev.portcullis.web.workspaces.WorkspaceSecurityPage;
import java.time.Duration;
import java.util.function.Predicate;

/** Second factors (docs/account-security.md): the login's second step and the enrolment pages on /account. */
record MfaWiring(SecondFactorPage loginStep, TwoFactorPages accountPages, WorkspaceSecurityPage workspacePage, PasskeyPages passkeyPages) {

    /** Built before the authorization endpoint, which asks whether a user has a second factor (step-up). */
    static SecondFactors factors(Core core) {
        return new SecondFactors(core.database(), new SqlTotpRepository(), new SqlRecoveryCodeRepository(), core.keys(),
                core.config().server().issuer(), core.clock(), core.random(), core.events());
    }

    /** Built before the login endpoints, which all end in it: password, external login, upstream providers. */
    static SecondFactorStep step(Core core, WebWiring web, Predicate<String> hasSecondFactor) {
        var pending = new PendingLogins(core.database(), new SqlPendingLoginRepository(), core.clock(), core.random());
        return new SecondFactorStep(pending, hasSecondFactor, web.sessionCookie());
    }

    /** Built before the login page, which signs in with a passkey, and the authorization endpoint (step-up). */
    static Passkeys passkeys(Core core) {
        return new Passkeys(core.database(), new SqlPasskeyRepository(), new SqlPasskeyCeremonyRepository(), core.events(), core.ids(),
                core.config().server().issuer(), core.clock(), core.random());
    }

    /** Whether a user has a second factor to give after the password: an authenticator app or a passkey. */
    static Predicate<String> hasSecondFactor(SecondFactors factors, Passkeys passkeys) {
        return userId -> factors.enrolled(userId) || passkeys.registered(userId);
    }

    static WorkspaceRequirements requirements(Core core) {
        return new WorkspaceRequirements(core.database(), new SqlWorkspaceRequirementRepository(), core.clock(), core.events());
    }

    static MfaWiring of(Core core, WebWiring web, SecondFactors factors, Passkeys passkeys, SecondFactorStep step,
                        WorkspaceRequirements requirements, PendingApps pendingApps, Flashes flashes, WorkspaceGate gate) {
        Config config = core.config();
        // Wrong codes count per user, as many a minute as wrong passwords per account (PORTCULLIS_LOGIN_ATTEMPTS_PER_MINUTE).
        var wrongCodes = core.rateLimits().per("mfa-user", config.limits().loginAttemptsPerMinute(), Duration.ofMinutes(1));
        var loginStep = new SecondFactorPage(step, factors, core.sessions(), web.sessionCookie(), web.csrf(), web.pages(),
                wrongCodes, pendingApps, core.clock(), web.clientAddress(), passkeys);
        return new MfaWiring(loginStep, new TwoFactorPages(factors, web.currentUser(), web.pages(), flashes, web.clientAddress()),
                new WorkspaceSecurityPage(requirements, gate, web.currentUser(), web.pages(), flashes, web.clientAddress()),
                new PasskeyPages(passkeys, web.currentUser(), web.sessionCookie(), web.pages(), flashes, web.clientAddress()));
    }
}
