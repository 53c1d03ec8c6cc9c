package dev.portcullis.web.signup;

import dev.portcullis.http.ClientAddress;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Json;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.ratelimit.RateLimits;
import dev.portcullis.secrets.PasswordStrength;
import dev.portcullis.secrets.Passwords;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /signup/password-strength}: the sign-up page's hint while the person types, from the
 * very estimator the server's rule uses ({@link PasswordStrength}), so the hint and the refusal
 * never disagree. A POST, so the password stays out of URLs and logs; it is neither stored nor
 * logged. Each estimate costs up to tens of milliseconds, so an address gets a typist's budget.
 */
public final class PasswordStrengthEndpoint implements Routes {
    static final String PATH = "/signup/password-strength";
    private static final int PER_MINUTE = 120;
    private final RateLimiter perAddress;
    private final ClientAddress clientAddress;

    public PasswordStrengthEndpoint(RateLimits limits, ClientAddress clientAddress) {
        this.perAddress = limits.per("password-strength", PER_MINUTE, Duration.ofMinutes(1));
        this.clientAddress = clientAddress;
    }

    @Override
    public void mount(RouteTable routing) {
        routing.post(PATH, this::estimate);
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.API_JSON;
    }

    private void estimate(ServerRequest req, ServerResponse res) {
        perAddress.acquire(clientAddress.of(req));
        Params form = Params.body(req);
        String password = form.get("password").orElse("");
        int length = password.codePointCount(0, password.length());
        String message;
        boolean acceptable;
        int score;
        if (length < Passwords.MIN_LENGTH || length > Passwords.MAX_LENGTH) {
            score = 0;
            acceptable = false;
            message = length < Passwords.MIN_LENGTH ? "At least " + Passwords.MIN_LENGTH + " characters."
                    : "At most " + Passwords.MAX_LENGTH + " characters.";
        } else {
            var strength = PasswordStrength.of(password, List.of(form.get("email").orElse(""), form.get("name").orElse("")));
            score = strength.score();
            acceptable = strength.strongEnough();
            message = acceptable ? (score == 4 ? "Strong password." : "Good password.") : "Too easy to guess. " + strength.advice();
        }
        Json.send(res, 200, Map.of("score", score, "acceptable", acceptable, "message", message));
    }
}
