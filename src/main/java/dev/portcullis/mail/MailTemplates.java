package dev.portcullis.mail;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The account mails, each rendered twice from jte templates precompiled at build time: HTML
 * (templates/mail/, user data escaped as on the pages) and plain text (jte-text/mail/, not escaped).
 */
public final class MailTemplates {
    private final TemplateEngine html = TemplateEngine.createPrecompiled(ContentType.Html);
    private final TemplateEngine text = TemplateEngine.createPrecompiled(null, ContentType.Plain, null,
            "gg.jte.generated.precompiled.text");
    private final String site;

    /** {@code issuer}'s host names the site in every mail. */
    public MailTemplates(URI issuer) {
        this.site = issuer.getHost();
    }

    public Mail verifyEmail(String to, String name, String link, Duration validFor) {
        return render(to, "Verify your email address for " + site, "mail/verifyEmail.jte", link,
                Map.of("site", site, "name", name, "link", link, "hours", validFor.toHours()));
    }

    public Mail resetPassword(String to, String name, String link, Duration validFor) {
        return render(to, "Reset your password for " + site, "mail/resetPassword.jte", link,
                Map.of("site", site, "name", name, "link", link, "minutes", validFor.toMinutes()));
    }

    private Mail render(String to, String subject, String template, String link, Map<String, Object> params) {
        StringOutput htmlOut = new StringOutput();
        html.render(template, params, htmlOut);
        StringOutput textOut = new StringOutput();
        text.render(template, params, textOut);
        return new Mail(to, subject, textOut.toString(), htmlOut.toString(), link);
    }
}
