package dev.portcullis.http;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.buffers.BufferData;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PeerInfo;
import io.helidon.common.task.InterruptableTask;
import io.helidon.http.Headers;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ListenerContext;
import io.helidon.webserver.ProxyProtocolData;
import io.helidon.webserver.Router;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections of clients too slow to be honest (slowloris): a request's line and headers
 * must arrive within the header time-out of its first byte, a body may not go silent for longer
 * than the body time-out, and a connection between requests may wait for the idle time-out.
 * Helidon 4.5.0 applies no read time-out to server sockets and checks idleness only while no
 * request has begun, so this wraps its HTTP/1 connection: every socket read passes through here,
 * and a sweeper closes the socket of a late one. A client that closes or is closed mid-headers
 * ends the connection quietly (one debug line), not with Helidon's "Internal server error" stack.
 */
final class SlowClients implements ServerConnectionSelector, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("portcullis.http");
    private final ServerConnectionSelector http1;
    private final long headersNanos;
    private final long bodyNanos;
    private final long idleNanos;
    private final Set<Watched> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("portcullis-slow-clients").factory());

    private enum Phase { IDLE, HEADERS, BODY }

    SlowClients(Http1Config.Builder http1, Duration headers, Duration body, Duration idle) {
        this.headersNanos = headers.toNanos();
        this.bodyNanos = body.toNanos();
        this.idleNanos = idle.toNanos();
        Http1Config config = http1.addReceiveListener(new Http1ConnectionListener() {
            @Override
            public void headers(ConnectionContext ctx, Headers h) {
                if (ctx instanceof Watched w) w.phase = Phase.BODY;
            }
        }).addSendListener(new Http1ConnectionListener() {
            @Override
            public void status(ConnectionContext ctx, Status status) {
                if (ctx instanceof Watched w && status.code() >= 200) w.phase = Phase.IDLE;
            }
        }).build();
        this.http1 = Http1ConnectionSelector.builder().config(config).build();
        long period = Math.clamp(Math.min(headersNanos, bodyNanos) / 4, TimeUnit.MILLISECONDS.toNanos(50),
                TimeUnit.SECONDS.toNanos(1));
        sweeper.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.NANOSECONDS);
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Watched w : open) {
            try {
                w.closeIfLate(now);
            } catch (RuntimeException e) {
                // A periodic task ends for good at its first exception: one connection whose close
                // fails (it is closing already) must not end the cut-off for every later one.
                LOG.debug("closing a slow connection failed: {}", e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public int bytesToIdentifyConnection() {
        return http1.bytesToIdentifyConnection();
    }

    @Override
    public Support supports(BufferData data) {
        return http1.supports(data);
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return http1.supportedApplicationProtocols();
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        Watched watched = new Watched(ctx);
        return new Tracked(watched, http1.connection(watched));
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }

    /** Registered while Helidon handles the connection, so the sweeper sees only live ones. */
    private final class Tracked implements ServerConnection, InterruptableTask<Void> {
        private final Watched watched;
        private final ServerConnection delegate;

        Tracked(Watched watched, ServerConnection delegate) {
            this.watched = watched;
            this.delegate = delegate;
        }

        @Override
        public void handle(Limit limit) throws InterruptedException {
            open.add(watched);
            try {
                delegate.handle(limit);
            } finally {
                open.remove(watched);
            }
        }

        @Override
        public Duration idleTime() {
            return delegate.idleTime();
        }

        @Override
        public void close(boolean interrupt) {
            delegate.close(interrupt);
        }

        @Override
        public boolean canInterrupt() {
            return delegate instanceof InterruptableTask<?> task && task.canInterrupt();
        }
    }

    /** Helidon's connection context with a reader that notes when each read starts and what it brings. */
    private final class Watched implements ConnectionContext {
        private final ConnectionContext ctx;
        private final HelidonSocket socket;
        private final DataReader reader;
        private volatile Phase phase = Phase.IDLE;
        private volatile long phaseStart = System.nanoTime();
        private volatile long readingSince;
        private volatile boolean timedOut;

        Watched(ConnectionContext ctx) {
            this.ctx = ctx;
            this.socket = ctx.serverSocket();
            this.reader = DataReader.create(this::read);
        }

        private byte[] read() {
            readingSince = System.nanoTime();
            try {
                byte[] bytes = socket.get();
                if (bytes == null) return ended("the client closed the connection");
                if (phase == Phase.IDLE) {
                    phaseStart = System.nanoTime();
                    phase = Phase.HEADERS;
                }
                return bytes;
            } catch (UncheckedIOException e) {
                if (timedOut) return ended("the client was too slow");
                throw new ServerConnectionException("Failed to get data from socket", e);
            } finally {
                readingSince = 0;
            }
        }

        /** End of input: mid-headers the connection just closes; elsewhere Helidon sees the end of the stream as usual. */
        private byte[] ended(String why) {
            if (phase != Phase.HEADERS) return null;
            LOG.debug("{} before its request headers ended; connection closed", why);
            throw new CloseConnectionException(why);
        }

        void closeIfLate(long now) {
            long reading = readingSince;
            boolean late = switch (phase) {
                case HEADERS -> now - phaseStart > headersNanos;
                case BODY -> reading != 0 && now - reading > bodyNanos;
                case IDLE -> reading != 0 && now - reading > idleNanos;
            };
            if (!late || timedOut) return;
            timedOut = true;
            LOG.debug("closing a connection too slow in phase {}", phase);
            socket.close();
        }

        @Override
        public DataReader dataReader() {
            return reader;
        }

        @Override
        public ListenerContext listenerContext() {
            return ctx.listenerContext();
        }

        @Override
        public ExecutorService executor() {
            return ctx.executor();
        }

        @Override
        public DataWriter dataWriter() {
            return ctx.dataWriter();
        }

        @Override
        public Router router() {
            return ctx.router();
        }

        @Override
        public Optional<ProxyProtocolData> proxyProtocolData() {
            return ctx.proxyProtocolData();
        }

        @Override
        public HelidonSocket serverSocket() {
            return socket;
        }

        @Override
        public PeerInfo remotePeer() {
            return ctx.remotePeer();
        }

        @Override
        public PeerInfo localPeer() {
            return ctx.localPeer();
        }

        @Override
        public boolean isSecure() {
            return ctx.isSecure();
        }

        @Override
        public String socketId() {
            return ctx.socketId();
        }

        @Override
        public String childSocketId() {
            return ctx.childSocketId();
        }
    }
}
