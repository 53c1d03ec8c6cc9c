package dev.portcullis;

import dev.portcullis.accountsecurity.AccountMail;
import dev.portcullis.accountsecurity.AccountSecurity;
import dev.portcullis.accountsecurity.SqlAccountTokenRepository;
import dev.portcullis.accountsecurity.VerificationMail;
import dev.portcullis.config.Config;
import dev.portcullis.externallogin.PasswordLogin;
import dev.portcullis.identity.SqlUserRepository;
import dev.portcullis.mail.Mailer;
import dev.portcullis.mail.MailTemplates;
import dev.portcullis.secrets.Passwords;
import dev.portcullis.web.accountsecurity.PasswordResetPages;
import dev.portcullis.web.accountsecurity.SecuritySection;
import dev.portcullis.web.accountsecurity.SessionPages;
import dev.portcullis.web.accountsecurity.VerificationPages;
import dev.portcullis.web.flash.Flashes;
import java.time.Duration;

/** Account security by mail (docs/account-security.md): verification, password reset, and the sessions on /account. */
record AccountSecurityWiring(VerificationMail verificationMail, VerificationPages verification, PasswordResetPages reset,
                             SessionPages sessions, SecuritySection section) {

    static AccountSecurityWiring of(Core core, WebWiring web, Flashes flashes, PasswordLogin passwordLogin, Mailer mailer) {
        Config config = core.config();
        int perAccount = config.mail().resetsPerHour();
        // Its own Argon2id slots: resets are few (rate-limited), and sign-in keeps all of its own.
        var security = AccountSecurity.of(core.database(), new SqlAccountTokenRepository(), new SqlUserRepository(), core.sessions(),
                new Passwords(core.random()), core.random(), core.clock(), core.events());
        var mail = new AccountMail(mailer, new MailTemplates(config.server().issuer()), config.server().issuer());
        var verificationMail = new VerificationMail(security.verification(), mail);
        var verification = new VerificationPages(security.verification(), verificationMail, web.currentUser(), web.pages(), flashes,
                web.clientAddress(), core.rateLimits().per("verification-mail-account", perAccount, Duration.ofHours(1)));
        var reset = new PasswordResetPages(security.reset(), mail, web.csrf(), web.sessionCookie(), web.pages(),
                core.rateLimits().per("password-reset-address", perAccount * 4, Duration.ofHours(1)),
                core.rateLimits().per("password-reset-account", perAccount, Duration.ofHours(1)), web.clientAddress(), passwordLogin);
        var sessions = new SessionPages(core.sessions(), web.currentUser(), web.sessionCookie(), web.pages(), flashes);
        var section = new SecuritySection(core.sessions(), web.sessionCookie(), core.clock());
        return new AccountSecurityWiring(verificationMail, verification, reset, sessions, section);
    }
}
