package dev.portcullis.examples.taskr.accounts;

import dev.portcullis.examples.taskr.storage.Database;
import dev.portcullis.examples.taskr.web.Form;
import dev.portcullis.examples.taskr.web.Pages;
import dev.portcullis.examples.taskr.web.Session;
import dev.portcullis.examples.taskr.web.Sessions;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/** Sign-up, login and logout: Taskr's own accounts. */
public final class AccountPages implements HttpService {
    private static final int MIN_PASSWORD = 8;
    private final UserRepository users;
    private final Sessions sessions;
    private final Pages pages;

    public AccountPages(UserRepository users, Sessions sessions, Pages pages) {
        this.users = users;
        this.sessions = sessions;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/signup", this::signupForm)
                .post("/signup", this::signup)
                .get("/login", this::loginForm)
                .post("/login", this::login)
                .post("/logout", this::logout);
    }

    public record SignupView(String csrf, String name, String email, String error) {}

    public record LoginView(String csrf, String email, String error) {}

    private void signupForm(ServerRequest req, ServerResponse res) {
        Session session = sessions.findOrStart(req, res);
        if (session.userId().isPresent()) Pages.seeOther(res, "/");
        else pages.send(res, 200, "signup.jte", new SignupView(session.csrfToken(), "", "", null));
    }

    private void signup(ServerRequest req, ServerResponse res) {
        Form form = Form.read(req);
        Session session = sessions.requireCsrf(req, form);
        String name = form.get("name").strip();
        String email = form.get("email").strip();
        String password = form.get("password");
        Optional<String> problem = problem(name, email, password);
        if (problem.isPresent()) {
            pages.send(res, 400, "signup.jte", new SignupView(session.csrfToken(), name, email, problem.get()));
            return;
        }
        User user;
        try {
            user = users.create(email, name, Passwords.hash(password));
        } catch (Database.UniqueViolation e) {
            pages.send(res, 409, "signup.jte", new SignupView(session.csrfToken(), name, email, "An account with this email already exists. Log in instead."));
            return;
        }
        sessions.logIn(req, res, user.id());
        Pages.seeOther(res, "/");
    }

    private void loginForm(ServerRequest req, ServerResponse res) {
        Session session = sessions.findOrStart(req, res);
        if (session.userId().isPresent()) Pages.seeOther(res, "/");
        else pages.send(res, 200, "login.jte", new LoginView(session.csrfToken(), "", null));
    }

    private void login(ServerRequest req, ServerResponse res) {
        Form form = Form.read(req);
        Session session = sessions.requireCsrf(req, form);
        String email = form.get("email").strip();
        String password = form.get("password");
        var found = users.credentials(email);
        if (found.isEmpty()) Passwords.spendDecoyTime(password);
        if (found.isEmpty() || !Passwords.matches(password, found.get().passwordHash())) {
            pages.send(res, 401, "login.jte", new LoginView(session.csrfToken(), email, "Email or password is incorrect."));
            return;
        }
        sessions.logIn(req, res, found.get().user().id());
        Pages.seeOther(res, "/");
    }

    private void logout(ServerRequest req, ServerResponse res) {
        Session session = sessions.requireCsrf(req, Form.read(req));
        sessions.logOut(session, res);
        Pages.seeOther(res, "/login");
    }

    private static Optional<String> problem(String name, String email, String password) {
        if (name.isEmpty() || name.length() > 100) return Optional.of("Please enter your name (up to 100 characters).");
        if (email.length() > 254 || !email.matches("[^@\\s]+@[^@\\s]+")) return Optional.of("Please enter a valid email address.");
        if (password.length() < MIN_PASSWORD || password.length() > 1024) return Optional.of("Please choose a password of at least " + MIN_PASSWORD + " characters.");
        return Optional.empty();
    }
}
