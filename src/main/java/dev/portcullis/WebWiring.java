package dev.portcullis;

import dev.portcullis.authorize.BrowserBinding;
import dev.portcullis.config.Config;
import dev.portcullis.http.ClientAddress;
import dev.portcullis.web.Csrf;
import dev.portcullis.web.CurrentUser;
import dev.portcullis.web.Pages;
import dev.portcullis.web.SessionCookie;

/** The browser-side pieces that the pages, /authorize and the login endpoints share, each built once. */
record WebWiring(Pages pages, SessionCookie sessionCookie, CurrentUser currentUser, Csrf csrf, ClientAddress clientAddress,
                 BrowserBinding browsers) {

    static WebWiring of(Core core) {
        Config config = core.config();
        var pages = new Pages();
        var sessionCookie = new SessionCookie(config.server().issuer(), config.sessions().absolute());
        var currentUser = new CurrentUser(sessionCookie, core.sessions(), core.identity(), core.clock());
        var csrf = new Csrf(core.random(), sessionCookie);
        var clientAddress = new ClientAddress(config.server().trustedProxies());
        var browsers = new BrowserBinding(sessionCookie, core.random());
        return new WebWiring(pages, sessionCookie, currentUser, csrf, clientAddress, browsers);
    }
}
