package dev.portcullis.accountsecurity;

import dev.portcullis.mail.Mailer;
import dev.portcullis.mail.MailTemplates;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Turns an {@link Issued} link into its mail and hands it to the {@link Mailer}: after the link's transaction committed. */
public final class AccountMail {
    private final Mailer mailer;
    private final MailTemplates templates;
    private final String base;

    public AccountMail(Mailer mailer, MailTemplates templates, URI issuer) {
        this.mailer = mailer;
        this.templates = templates;
        this.base = issuer.toString().replaceAll("/+$", "");
    }

    public void send(Issued issued) {
        String token = URLEncoder.encode(issued.token().value(), StandardCharsets.UTF_8);
        var user = issued.user();
        mailer.send(switch (issued.purpose()) {
            case VERIFY_EMAIL -> templates.verifyEmail(user.email(), user.name(), base + "/verify-email?token=" + token,
                    Purpose.VERIFY_EMAIL.lifetime());
            case RESET_PASSWORD -> templates.resetPassword(user.email(), user.name(), base + "/reset?token=" + token,
                    Purpose.RESET_PASSWORD.lifetime());
        });
    }
}
