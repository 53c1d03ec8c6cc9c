import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * An in-memory MongoDB for the OpenID Foundation conformance suite: {@code java SuiteMongo [host] [port]}
 * (default 127.0.0.1 27017). Everything is lost when it stops, which suits one conformance run.
 *
 * <p>mongo-java-server implements the wire protocol and the queries the suite makes, but not three
 * things it asks for at start: its admin commands {@code getParameter featureCompatibilityVersion}
 * and {@code setFeatureCompatibilityVersion} (answered as a 6.0 server would), and text indexes
 * (used only by the suite's plan search page, so they are left out).
 */
public final class SuiteMongo {

    public static void main(String[] args) throws InterruptedException {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 27017;
        MongoServer server = new MongoServer(new SuiteBackend());
        server.bind(host, port);
        System.out.println("SuiteMongo listening on " + host + ":" + port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        new CountDownLatch(1).await();
    }

    static final class SuiteBackend extends MemoryBackend {
        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            switch (command) {
                case "getParameter":
                    return ok().append("featureCompatibilityVersion", new Document("version", "6.0"));
                case "setFeatureCompatibilityVersion":
                    return ok();
                case "createIndexes":
                    List<?> wanted = (List<?>) query.get("indexes");
                    List<?> kept = wanted.stream().filter(i -> !isTextIndex(i)).toList();
                    if (kept.isEmpty()) {
                        return ok();
                    }
                    query.put("indexes", kept);
                    return super.handleCommand(channel, database, command, query);
                default:
                    return super.handleCommand(channel, database, command, query);
            }
        }

        private static boolean isTextIndex(Object index) {
            Object key = ((Map<?, ?>) index).get("key");
            return key instanceof Map<?, ?> fields && fields.containsValue("text");
        }

        private static Document ok() {
            return new Document("ok", 1.0);
        }
    }
}
