package dev.portcullis.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.config.ConfigLoader;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Slow clients (slowloris) are cut off: headers must arrive within the header time-out of the
 * first byte, a body may not go silent past the body time-out. Both are 1 s here.
 */
class SlowClientsTest {
    private static final long TIMEOUT_MILLIS = 1000;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(ConfigLoader.load(Map.of("PORTCULLIS_PORT", "0", "PORTCULLIS_HOST", "127.0.0.1",
                "PORTCULLIS_DEMO", "false", "PORTCULLIS_HEADER_TIMEOUT_SECONDS", "1", "PORTCULLIS_BODY_TIMEOUT_SECONDS", "1"))
                .withStorage(TestDatabases.fresh(Db.SQLITE)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void halfARequestLineThenTheServerClosesWithinTheHeaderTimeout() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "GET /heal");
            assertClosedWithin(socket, TIMEOUT_MILLIS + 1500);
        }
    }

    @Test
    void halfTheHeadersThenTheServerClosesWithinTheHeaderTimeout() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Half: ab");
            assertClosedWithin(socket, TIMEOUT_MILLIS + 1500);
        }
    }

    @Test
    void headersTrickledByteByByteThenClosedAtTheHeaderTimeoutAlthoughEachReadIsQuick() throws Exception {
        try (Socket socket = connect()) {
            long start = System.nanoTime();
            boolean closed = false;
            for (char c : "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: abcdefghijklmnopqrstuvwxyz\r\n".toCharArray()) {
                try {
                    send(socket, String.valueOf(c));
                } catch (IOException e) {
                    closed = true;
                    break;
                }
                Thread.sleep(200);
                if ((System.nanoTime() - start) / 1_000_000 > TIMEOUT_MILLIS + 2500) break;
            }
            if (!closed) assertClosedWithin(socket, 500);
            assertTrue((System.nanoTime() - start) / 1_000_000 < TIMEOUT_MILLIS + 3000, "closed at the header deadline");
        }
    }

    @Test
    void bodyShorterThanItsContentLengthThenTheServerClosesWithinTheBodyTimeout() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "POST /oauth2/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 100\r\n\r\ngrant_type=");
            long start = System.nanoTime();
            String answer = new String(readAll(socket, TIMEOUT_MILLIS + 3000), StandardCharsets.US_ASCII);
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsed < TIMEOUT_MILLIS + 2500, "closed after " + elapsed + " ms: " + answer);
            assertTrue(answer.isEmpty() || !answer.startsWith("HTTP/1.1 5"), "never a 5xx: " + answer);
        }
    }

    @Test
    void aNormalRequestStillWorksAndAnIdleKeptAliveConnectionOutlivesTheHeaderTimeout() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(readResponse(socket.getInputStream()).startsWith("HTTP/1.1 200"));
            Thread.sleep(TIMEOUT_MILLIS * 2);
            send(socket, "POST /oauth2/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: 22\r\nConnection: close\r\n\r\n");
            Thread.sleep(TIMEOUT_MILLIS / 2);
            send(socket, "grant_type=nothing_xyz");
            String second = new String(readAll(socket, 5000), StandardCharsets.US_ASCII);
            assertTrue(second.startsWith("HTTP/1.1 400"), "a body paused for less than the body timeout is read: " + second);
            assertTrue(second.contains("unsupported_grant_type"), second);
        }
        assertEquals(200, server.get("/healthz").statusCode());
    }

    @Test
    void clientClosingMidHeadersThenNoWarningAndNoStackTraceInTheLog() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        PrintStream stderr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        root.addHandler(handler);
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            for (String half : List.of("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Half: ab", "GET /heal", "POST /oauth2/token HTTP/1.1\r\n")) {
                try (Socket socket = connect()) {
                    send(socket, half);
                    Thread.sleep(200);
                }
            }
            Thread.sleep(500);
            assertEquals(200, server.get("/healthz").statusCode());
        } finally {
            System.setErr(stderr);
            root.removeHandler(handler);
        }
        String log = err.toString(StandardCharsets.UTF_8);
        assertTrue(records.stream().noneMatch(r -> r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()),
                () -> "Helidon warned: " + records.stream().map(LogRecord::getMessage).toList());
        assertTrue(records.stream().noneMatch(r -> r.getThrown() != null), "no stack trace from Helidon");
        assertTrue(!log.contains("\tat ") && !log.contains("Exception"), log);
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.portcullis().port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** The server closes: the read ends (end of stream or reset) within {@code millis}. */
    private static void assertClosedWithin(Socket socket, long millis) throws IOException {
        long start = System.nanoTime();
        byte[] rest = readAll(socket, millis + 3000);
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsed < millis, "closed after " + elapsed + " ms, answered: " + new String(rest, StandardCharsets.US_ASCII));
    }

    private static byte[] readAll(Socket socket, long millis) throws IOException {
        socket.setSoTimeout((int) millis);
        try {
            return socket.getInputStream().readAllBytes();
        } catch (java.net.SocketException e) {
            return new byte[0];
        }
    }

    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) head.append((char) in.read());
        int length = Integer.parseInt(head.toString().replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
        return head + new String(in.readNBytes(length), StandardCharsets.US_ASCII);
    }
}
