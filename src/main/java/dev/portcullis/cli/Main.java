package dev.portcullis.cli;

import org.slf4j.bridge.SLF4JBridgeHandler;

/** Entry point: the command line. It lives in cli/ so the root package (the composition root) never imports cli. */
public final class Main {
    static final String MAX_CARRIERS = "jdk.virtualThreadScheduler.maxPoolSize";

    private Main() {}

    public static void main(String[] args) {
        capCarriers();
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(PortcullisCommand.run(args, System.getenv()));
    }

    /**
     * At most one virtual-thread carrier per CPU the JVM may use, unless set explicitly. By
     * default the scheduler adds a carrier while a virtual thread blocks in file I/O (a log line,
     * a read of /dev/urandom); on a small instance that carrier only time-shares the same CPU, and
     * the requests mounted on whichever the kernel set aside wait out its time slice: at 32
     * connections on one core, introspection's p99 was 64 ms with the extra carrier and 4-6 ms
     * without (docs/benchmarks.md, "A second carrier on one core"). Must run before the first
     * virtual thread starts.
     */
    static void capCarriers() {
        if (System.getProperty(MAX_CARRIERS) == null) {
            System.setProperty(MAX_CARRIERS, String.valueOf(Runtime.getRuntime().availableProcessors()));
        }
    }
}
