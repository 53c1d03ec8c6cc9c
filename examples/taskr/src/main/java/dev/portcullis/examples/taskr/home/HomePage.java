package dev.portcullis.examples.taskr.home;

import dev.portcullis.examples.taskr.accounts.User;
import dev.portcullis.examples.taskr.accounts.UserRepository;
import dev.portcullis.examples.taskr.portcullis.TaskFeed;
import dev.portcullis.examples.taskr.portcullis.TaskFeed.Feed;
import dev.portcullis.examples.taskr.portcullis.TaskView;
import dev.portcullis.examples.taskr.web.Pages;
import dev.portcullis.examples.taskr.web.Session;
import dev.portcullis.examples.taskr.web.Sessions;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The home page: the connection status and, when connected, the workspace's latest tasks. */
public final class HomePage implements HttpService {
    private final UserRepository users;
    private final Sessions sessions;
    private final TaskFeed feed;
    private final Pages pages;

    public HomePage(UserRepository users, Sessions sessions, TaskFeed feed, Pages pages) {
        this.users = users;
        this.sessions = sessions;
        this.feed = feed;
        this.pages = pages;
    }

    /**
     * @param connected whether Taskr holds live Portcullis tokens for this user
     * @param loaded    whether {@code tasks} came from Portcullis this time (else it is empty)
     * @param message   a one-time message (after connect, decline, disconnect) or a feed problem; may be null
     */
    public record HomeView(String userName, String csrf, boolean connected, boolean loaded, List<TaskView> tasks, String message) {}

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::home);
    }

    private void home(ServerRequest req, ServerResponse res) {
        Optional<Session> session = sessions.find(req);
        Optional<User> user = session.flatMap(Session::userId).flatMap(users::find);
        if (user.isEmpty()) {
            Pages.seeOther(res, "/login");
            return;
        }
        Optional<String> flash = sessions.takeFlash(session.get());
        Feed loaded = feed.load(user.get().id());
        Optional<String> problem = switch (loaded) {
            case Feed.Ended ended -> Optional.of(ended.message());
            case Feed.Unavailable unavailable -> Optional.of(unavailable.message());
            case Feed.NotConnected n -> Optional.empty();
            case Feed.Listed l -> Optional.empty();
        };
        String message = Stream.of(flash, problem).flatMap(Optional::stream).collect(Collectors.joining(" "));
        boolean connected = loaded instanceof Feed.Listed || loaded instanceof Feed.Unavailable;
        List<TaskView> tasks = loaded instanceof Feed.Listed listed ? listed.tasks() : List.of();
        pages.send(res, 200, "home.jte", new HomeView(user.get().name(), session.get().csrfToken(), connected, loaded instanceof Feed.Listed, tasks, message.isEmpty() ? null : message));
    }
}
