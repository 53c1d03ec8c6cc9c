package dev.portcullis;

import dev.portcullis.externallogin.ExternalAuthentications;
import dev.portcullis.externallogin.ExternalDirectory;
import dev.portcullis.externallogin.ExternalLoginEndpoint;
import dev.portcullis.externallogin.LoginSettings;
import dev.portcullis.externallogin.PasswordLogin;
import dev.portcullis.externallogin.SqlExternalAuthRepository;
import dev.portcullis.externallogin.SqlExternalLinkRepository;
import dev.portcullis.web.SecondFactorStep;

/** The external login (a SaaS signs people in for us) and the password login it may replace. */
record ExternalLoginWiring(ExternalAuthentications logins, ExternalLoginEndpoint endpoint, PasswordLogin passwordLogin) {

    static ExternalLoginWiring of(Core core, WebWiring web, SecondFactorStep secondFactor) {
        var settings = new LoginSettings(core.database(), core.config().login(), core.upstreamProviders());
        var directory = new ExternalDirectory(core.externalAccounts(), new SqlExternalLinkRepository(), core.clock());
        var logins = new ExternalAuthentications(core.database(), new SqlExternalAuthRepository(), directory, settings, web.pages(),
                core.config().server().issuer().toString(), core.random(), core.clock());
        var endpoint = new ExternalLoginEndpoint(logins, settings, core.operators(), web.browsers(), web.sessionCookie(),
                core.sessions(), web.pages(), core.clock(), web.clientAddress(), secondFactor);
        var passwordLogin = new PasswordLogin(settings, logins, web.browsers());
        return new ExternalLoginWiring(logins, endpoint, passwordLogin);
    }
}
