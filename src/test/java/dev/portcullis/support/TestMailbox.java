package dev.portcullis.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.portcullis.config.Config;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real SMTP server (GreenMail) on a free port, and what arrived there: the mails the server sent. */
public final class TestMailbox implements AutoCloseable {
    private static final Pattern LINK = Pattern.compile("https?://\\S+");
    private final GreenMail greenMail;
    private final Set<MimeMessage> taken = new HashSet<>();

    /** One mail as its reader sees it: subject, both parts, and the link it carries. */
    public record Received(String to, String subject, String text, String html, String link) {}

    private TestMailbox(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    public static TestMailbox start() {
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        return new TestMailbox(greenMail);
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /** {@code config} sending through this server, plain SMTP, with a high per-account mail limit. */
    public Config configure(Config config) {
        return config.withMail(new Config.Mail(Optional.of(new Config.Smtp("127.0.0.1", port(), Config.SmtpTls.NONE,
                Optional.empty(), Optional.empty())), "Portcullis <no-reply@portcullis.test>",
                config.mail().requireVerifiedEmail(), 1000));
    }

    /** The next mail to {@code to} not read yet, waiting up to ten seconds for it (mail is sent in the background). */
    public synchronized Received next(String to) {
        long until = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < until) {
            for (MimeMessage m : greenMail.getReceivedMessages()) {
                if (!taken.contains(m) && addressedTo(m, to)) {
                    taken.add(m);
                    return read(m, to);
                }
            }
            greenMail.waitForIncomingEmail(200, greenMail.getReceivedMessages().length + 1);
        }
        throw new AssertionError("no mail to " + to + " within ten seconds");
    }

    /** How many mails arrived in all, read or not. */
    public int count() {
        return greenMail.getReceivedMessages().length;
    }

    private static boolean addressedTo(MimeMessage m, String to) {
        try {
            Address[] recipients = m.getRecipients(Message.RecipientType.TO);
            if (recipients == null) return false;
            for (Address a : recipients) {
                if (a.toString().equalsIgnoreCase(to)) return true;
            }
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Received read(MimeMessage m, String to) {
        try {
            MimeMultipart parts = (MimeMultipart) m.getContent();
            String text = null;
            String html = null;
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart part = parts.getBodyPart(i);
                if (part.isMimeType("text/plain")) text = (String) part.getContent();
                if (part.isMimeType("text/html")) html = (String) part.getContent();
            }
            Matcher link = LINK.matcher(text == null ? "" : text);
            return new Received(to, m.getSubject(), text, html, link.find() ? link.group() : null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
