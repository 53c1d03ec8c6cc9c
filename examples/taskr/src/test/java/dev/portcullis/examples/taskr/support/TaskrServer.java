package dev.portcullis.examples.taskr.support;

import dev.portcullis.examples.taskr.Taskr;
import dev.portcullis.examples.taskr.TaskrConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** The real Taskr on a free port with a fresh data directory (its own SQLite file and key file). */
public final class TaskrServer implements AutoCloseable {
    public static final String CLIENT_ID = "taskr-test";
    public static final String CLIENT_SECRET = "a client secret of at least 32 characters!";
    private final Taskr taskr;
    private final Path dataDir;

    private TaskrServer(Taskr taskr, Path dataDir) {
        this.taskr = taskr;
        this.dataDir = dataDir;
    }

    /** Taskr pointed at {@code portcullisUrl}; its public URL stays the documented default. */
    public static TaskrServer start(URI portcullisUrl) {
        try {
            Path dataDir = Files.createTempDirectory("taskr-test");
            TaskrConfig config = new TaskrConfig(portcullisUrl, URI.create("http://localhost:3050"), 0,
                    CLIENT_ID, CLIENT_SECRET, Optional.empty(), dataDir);
            return new TaskrServer(Taskr.start(config, Clock.systemUTC()), dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Browser browser() {
        return new Browser(URI.create("http://localhost:" + taskr.port()));
    }

    public Path databaseFile() {
        return dataDir.resolve("taskr.db");
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        taskr.close();
    }
}
