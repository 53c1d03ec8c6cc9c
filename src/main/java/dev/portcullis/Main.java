package dev.portcullis;

import dev.portcullis.cli.PortcullisCommand;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Entry point: the command line. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(PortcullisCommand.run(args, System.getenv()));
    }
}
