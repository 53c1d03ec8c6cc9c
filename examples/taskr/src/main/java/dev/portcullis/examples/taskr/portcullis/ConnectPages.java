package dev.portcullis.examples.taskr.portcullis;

import dev.portcullis.examples.taskr.TaskrConfig;
import dev.portcullis.examples.taskr.portcullis.PortcullisClient.TokenResult;
import dev.portcullis.examples.taskr.web.Form;
import dev.portcullis.examples.taskr.web.Pages;
import dev.portcullis.examples.taskr.web.RandomString;
import dev.portcullis.examples.taskr.web.Session;
import dev.portcullis.examples.taskr.web.Sessions;
import dev.portcullis.examples.taskr.web.WebException;
import io.helidon.common.uri.UriQuery;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.logging.Logger;

/** Connect (authorization request), the callback (code exchange) and Disconnect (revocation). */
public final class ConnectPages implements HttpService {
    private static final Logger LOG = Logger.getLogger(ConnectPages.class.getName());
    private final TaskrConfig config;
    private final Sessions sessions;
    private final ConnectionRepository connections;
    private final PortcullisClient client;
    private final SecureRandom random;

    public ConnectPages(TaskrConfig config, Sessions sessions, ConnectionRepository connections, PortcullisClient client, SecureRandom random) {
        this.config = config;
        this.sessions = sessions;
        this.connections = connections;
        this.client = client;
        this.random = random;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/integrations/portcullis/connect", this::connect)
                .get(TaskrConfig.CALLBACK_PATH, this::callback)
                .post("/integrations/portcullis/disconnect", this::disconnect);
    }

    /** A fresh state (RFC 6749 §10.12) and PKCE verifier (RFC 7636) in the session, then off to Portcullis. */
    private void connect(ServerRequest req, ServerResponse res) {
        Session session = sessions.requireCsrf(req, Form.read(req));
        session.requireUser();
        String state = RandomString.next(random);
        String verifier = RandomString.next(random);
        sessions.beginAuthorization(session, state, verifier);
        Pages.seeOther(res, client.authorizeUri(state, Pkce.s256(verifier)).toString());
    }

    private void callback(ServerRequest req, ServerResponse res) {
        UriQuery query = req.query();
        Session session = sessions.find(req).filter(s -> s.userId().isPresent()).orElseThrow(ConnectPages::foreignResponse);
        Optional<String> expected = session.oauthState();
        Optional<String> verifier = session.pkceVerifier();
        sessions.endAuthorization(session);
        if (!RandomString.same(expected.orElse(null), param(query, "state").orElse(null))) {
            // Back after consent replays the callback whose state was spent. Already connected:
            // say so, and redeem nothing (the code is spent too, and the response may be forged).
            if (connections.find(session.requireUser()).isPresent()) {
                sessions.flash(session, "Taskr is already connected to Portcullis.");
                Pages.seeOther(res, "/");
                return;
            }
            throw foreignResponse();
        }
        // RFC 9207: a response naming another issuer is a mix-up attack; without iss we cannot tell.
        Optional<String> issuer = param(query, "iss");
        if (issuer.isPresent() && !issuer.get().equals(config.portcullisUrl().toString())) {
            LOG.warning("callback refused: iss " + issuer.get() + " is not PORTCULLIS_URL " + config.portcullisUrl()
                    + "; set PORTCULLIS_URL to Portcullis's issuer (PORTCULLIS_ISSUER)");
            throw new WebException(403, "This response came from an unexpected authorization server. Nothing was connected.");
        }
        Optional<String> error = param(query, "error");
        if (error.isPresent()) {
            sessions.flash(session, error.get().equals("access_denied")
                    ? "You declined to connect Portcullis."
                    : "Portcullis could not connect (" + error.get() + "). Please try again.");
            Pages.seeOther(res, "/");
            return;
        }
        String code = param(query, "code").orElseThrow(() -> new WebException(400, "The response from Portcullis has no code."));
        String userId = session.requireUser();
        switch (client.exchange(code, verifier.orElseThrow(ConnectPages::foreignResponse))) {
            case TokenResult.Issued issued -> {
                connections.save(userId, issued.tokens());
                sessions.flash(session, "Connected to Portcullis.");
            }
            case TokenResult.Refused refused -> sessions.flash(session, "Portcullis refused the connection (" + refused.error() + "). Please try again.");
        }
        Pages.seeOther(res, "/");
    }

    /** Revokes both tokens (RFC 7009), then forgets them even if Portcullis was unreachable. */
    private void disconnect(ServerRequest req, ServerResponse res) {
        Session session = sessions.requireCsrf(req, Form.read(req));
        String userId = session.requireUser();
        Optional<Tokens> tokens = connections.find(userId);
        boolean revoked = true;
        if (tokens.isPresent()) {
            // The refresh token first: revoking it ends the whole grant on most servers.
            revoked = tokens.get().refreshToken().map(t -> client.revoke(t, "refresh_token")).orElse(true);
            revoked &= client.revoke(tokens.get().accessToken(), "access_token");
        }
        connections.delete(userId);
        sessions.flash(session, revoked ? "Disconnected from Portcullis."
                : "Disconnected. Portcullis could not confirm the revocation; you can also revoke Taskr under your Portcullis account.");
        Pages.seeOther(res, "/");
    }

    private static Optional<String> param(UriQuery query, String name) {
        return query.contains(name) ? Optional.of(query.get(name)).filter(v -> !v.isEmpty()) : Optional.empty();
    }

    private static WebException foreignResponse() {
        return new WebException(403, "This sign-in response does not belong to your session (state mismatch). Nothing was connected; start again from Taskr.");
    }
}
