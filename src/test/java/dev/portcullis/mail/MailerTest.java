package dev.portcullis.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigException;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestMailbox;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** mail/: what the templates render, and that each transport really delivers it. */
class MailerTest {
    static final MailTemplates TEMPLATES = new MailTemplates(URI.create("https://login.acme.example"));
    static final String HOSTILE_NAME = "<b>O'Brien & Co</b>";

    @Test
    void smtpDeliversOneMultipartMailWithTheNameEscapedInHtmlAndVerbatimInText() {
        try (TestMailbox box = TestMailbox.start()) {
            var smtp = new Config.Smtp("127.0.0.1", box.port(), Config.SmtpTls.NONE, Optional.empty(), Optional.empty());
            try (Mailer mailer = Mailer.open(new Config.Mail(Optional.of(smtp), "Acme <no-reply@acme.example>", false, 5),
                    TestDatabases.tempDir(), Clock.systemUTC())) {
                mailer.send(TEMPLATES.verifyEmail("ada@example.com", HOSTILE_NAME, "https://login.acme.example/verify?token=x1",
                        Duration.ofHours(24)));
                var mail = box.next("ada@example.com");
                assertEquals("Verify your email address for login.acme.example", mail.subject());
                assertEquals("https://login.acme.example/verify?token=x1", mail.link());
                assertTrue(mail.text().contains("Hello " + HOSTILE_NAME + ","), mail.text());
                assertTrue(mail.html().contains("Hello &lt;b&gt;O'Brien &amp; Co&lt;/b&gt;,"), mail.html());
                assertFalse(mail.html().contains("<b>O'Brien"));
                assertTrue(mail.text().contains("for 24 hours"));
            }
        }
    }

    @Test
    void aRelayThatIsDownIsLoggedAndSendStillReturnsAtOnce() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var smtp = new Config.Smtp("127.0.0.1", closedPort, Config.SmtpTls.NONE, Optional.empty(), Optional.empty());
        try (Mailer mailer = Mailer.open(new Config.Mail(Optional.of(smtp), "no-reply@acme.example", false, 5),
                TestDatabases.tempDir(), Clock.systemUTC())) {
            long start = System.nanoTime();
            mailer.send(TEMPLATES.resetPassword("ada@example.com", "Ada", "https://x/reset?token=y", Duration.ofMinutes(30)));
            assertTrue(System.nanoTime() - start < Duration.ofMillis(500).toNanos(), "send does not wait for the relay");
        }
    }

    @Test
    void withoutSmtpEachMailIsSavedAsAnEmlFileInTheDataDirsMailFolder() throws Exception {
        Path dataDir = TestDatabases.tempDir();
        try (Mailer mailer = Mailer.open(new Config.Mail(Optional.empty(), "no-reply@acme.example", false, 5), dataDir,
                Clock.systemUTC())) {
            mailer.send(TEMPLATES.resetPassword("ada@example.com", "Ada", "https://x/reset?token=y", Duration.ofMinutes(30)));
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dataDir.resolve("mail"))) {
            files = list.toList();
        }
        assertEquals(1, files.size());
        assertTrue(files.get(0).toString().endsWith(".eml"));
        String eml = Files.readString(files.get(0));
        assertTrue(eml.contains("To: ada@example.com"), eml);
        assertTrue(eml.contains("multipart/alternative"));
        assertTrue(eml.contains("for 30 minutes"));
    }

    @Test
    void smtpSettingsDefaultThePortByTlsModeAndRefuseAnUnknownMode() {
        Config tls = ConfigLoader.load(Map.of("PORTCULLIS_SMTP_HOST", "smtp.acme.example", "PORTCULLIS_SMTP_TLS", "tls"));
        assertEquals(465, tls.mail().smtp().orElseThrow().port());
        Config starttls = ConfigLoader.load(Map.of("PORTCULLIS_SMTP_HOST", "smtp.acme.example", "PORTCULLIS_SMTP_USERNAME", "u",
                "PORTCULLIS_SMTP_PASSWORD", "hunter2"));
        assertEquals(587, starttls.mail().smtp().orElseThrow().port());
        assertFalse(starttls.mail().smtp().orElseThrow().toString().contains("hunter2"), "the password stays out of logs");
        assertEquals("no-reply@localhost", ConfigLoader.load(Map.of()).mail().from());
        assertTrue(ConfigLoader.load(Map.of()).mail().smtp().isEmpty());
        var e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("PORTCULLIS_SMTP_HOST", "h", "PORTCULLIS_SMTP_TLS", "ssl")));
        assertEquals("PORTCULLIS_SMTP_TLS must be none, starttls or tls", e.getMessage());
        assertEquals("true", SmtpTransport.properties(starttls.mail().smtp().orElseThrow()).getProperty("mail.smtp.starttls.required"),
                "STARTTLS is required, never skipped when the server does not offer it");
    }
}
