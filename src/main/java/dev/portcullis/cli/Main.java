package dev.portcullis.cli;

import org.slf4j.bridge.SLF4JBridgeHandler;

/** Entry point: the command line. It lives in cli/ so the root package (the composition root) never imports cli. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(PortcullisCommand.run(args, System.getenv()));
    }
}
