package dev.portcullis.mail;

import dev.portcullis.config.Config;
import jakarta.mail.Authenticator;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.time.Clock;
import java.util.Properties;

/** Delivery to the configured SMTP relay through Jakarta Mail (Eclipse Angus). */
final class SmtpTransport implements MailTransport {
    private static final String TIMEOUT_MILLIS = "15000";

    private final Config.Smtp smtp;
    private final String from;
    private final Session session;
    private final Clock clock;

    SmtpTransport(Config.Smtp smtp, String from, Clock clock) {
        this.smtp = smtp;
        this.from = from;
        this.clock = clock;
        this.session = Session.getInstance(properties(smtp), smtp.username().map(user -> new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(user, smtp.password().orElse(""));
            }
        }).orElse(null));
    }

    static Properties properties(Config.Smtp smtp) {
        Properties p = new Properties();
        p.put("mail.smtp.host", smtp.host());
        p.put("mail.smtp.port", Integer.toString(smtp.port()));
        p.put("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
        p.put("mail.smtp.timeout", TIMEOUT_MILLIS);
        p.put("mail.smtp.writetimeout", TIMEOUT_MILLIS);
        p.put("mail.smtp.auth", Boolean.toString(smtp.username().isPresent()));
        switch (smtp.tls()) {
            case NONE -> { }
            case STARTTLS -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true"); // no silent downgrade to plain text
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                p.put("mail.smtp.ssl.enable", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
        }
        return p;
    }

    @Override
    public void deliver(Mail mail) throws Exception {
        Transport.send(MimeMails.of(session, from, mail, clock.instant()));
    }

    @Override
    public String describe() {
        return "SMTP " + smtp.host() + ":" + smtp.port() + " (" + smtp.tls().name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
