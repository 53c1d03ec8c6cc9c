package dev.portcullis.mail;

import dev.portcullis.config.Config;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends account mail in the background: {@link #send} returns at once, so a slow or failing relay
 * never holds a page's answer or a database transaction; a failed delivery is logged (recipient's
 * domain and the reason, never the link) and the person can ask again.
 */
public final class Mailer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Mailer.class);

    private final MailTransport transport;
    private final ExecutorService workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("mail-", 0).factory());

    private Mailer(MailTransport transport) {
        this.transport = transport;
    }

    /** SMTP when a host is set; otherwise development mode into {@code <data dir>/mail}, with a warning. */
    public static Mailer open(Config.Mail config, Path dataDir, Clock clock) {
        MailTransport transport = config.smtp().<MailTransport>map(smtp -> new SmtpTransport(smtp, config.from(), clock))
                .orElseGet(() -> new DevMailbox(dataDir.resolve("mail"), config.from(), clock));
        if (transport instanceof DevMailbox) {
            LOG.warn("No SMTP host set: account mail goes to {}. Set PORTCULLIS_SMTP_HOST in production", transport.describe());
        } else {
            LOG.info("Account mail goes through {}", transport.describe());
        }
        return new Mailer(transport);
    }

    public void send(Mail mail) {
        workers.execute(() -> {
            try {
                transport.deliver(mail);
            } catch (Exception e) {
                LOG.warn("Mail \"{}\" to a person at {} was not delivered: {}", mail.subject(), domainOf(mail.to()), e.toString());
            }
        });
    }

    static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "?" : address.substring(at + 1);
    }

    /** Lets mail already handed over finish, for a few seconds at most. */
    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) workers.shutdownNow();
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
