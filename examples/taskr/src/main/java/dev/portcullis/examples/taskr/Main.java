package dev.portcullis.examples.taskr;

import java.time.Clock;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Starts Taskr from environment variables (see README.md). */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        TaskrConfig config;
        try {
            config = TaskrConfig.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("taskr: " + e.getMessage());
            System.exit(2);
            return;
        }
        Taskr taskr = Taskr.start(config, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(taskr::close));
        System.out.println("Taskr is running on " + config.taskrUrl() + " (port " + taskr.port() + "), connecting to Portcullis at " + config.portcullisUrl());
    }
}
