package dev.portcullis.mail;

import jakarta.mail.Session;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Development mode, when no SMTP host is set: each mail is written as an {@code .eml} file (any
 * mail program opens it) to a folder, and one log line names its recipient, subject and link. The
 * link is a live credential, which is why this is for development only (docs/account-security.md).
 */
final class DevMailbox implements MailTransport {
    private static final Logger LOG = LoggerFactory.getLogger(DevMailbox.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final Path folder;
    private final String from;
    private final Clock clock;
    private final Session session = Session.getInstance(new Properties());
    private final AtomicLong sequence = new AtomicLong();

    DevMailbox(Path folder, String from, Clock clock) {
        this.folder = folder;
        this.from = from;
        this.clock = clock;
    }

    @Override
    public void deliver(Mail mail) throws Exception {
        Files.createDirectories(folder);
        Instant now = clock.instant();
        Path file = folder.resolve(STAMP.format(now) + "-" + sequence.incrementAndGet() + ".eml");
        try (OutputStream out = Files.newOutputStream(file)) {
            MimeMails.of(session, from, mail, now).writeTo(out);
        }
        LOG.info("Mail not sent (development mode, no SMTP host): to {}, \"{}\", link {} (saved as {})",
                mail.to(), mail.subject(), mail.link(), file.getFileName());
    }

    @Override
    public String describe() {
        return "the log and " + folder + " (development mode: PORTCULLIS_SMTP_HOST is not set)";
    }
}
