package dev.portcullis.cli;

import dev.portcullis.Portcullis;
import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigLoader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code portcullis serve}: runs the server until the process is stopped. */
@Command(name = "serve", description = "Start the server (configuration from PORTCULLIS_* environment variables).")
final class ServeCommand implements Runnable {
    @ParentCommand
    PortcullisCommand parent;

    @Override
    public void run() {
        serve(parent.env);
    }

    static void serve(Map<String, String> env) {
        Config config = ConfigLoader.load(env);
        Portcullis server = Portcullis.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        System.out.printf("Portcullis listening on port %d, issuer %s, database %s%n",
                server.port(), config.server().issuer(), config.storage().isPostgres() ? "PostgreSQL" : config.storage().databaseUrl());
        DemoSeed.seedOnce(server.core(), new PrintWriter(System.out, true, StandardCharsets.UTF_8));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
