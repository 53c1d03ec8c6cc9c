package dev.portcullis.federation;

import dev.portcullis.identity.Role;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An upstream OpenID provider as operators configure it. The client secret is not here: it stays
 * sealed in storage and is opened only for the token request ({@link UpstreamProviders#secretOf}).
 */
public record UpstreamProvider(String id, String name, URI issuer, String clientId, List<String> scopes,
                               List<String> allowedEmailDomains, Optional<AutoJoin> autoJoin, Instant createdAt, Instant updatedAt) {

    /** "Anyone whose verified email is at {@code emailDomain} joins workspace {@code workspace} as {@code role}". */
    public record AutoJoin(String emailDomain, String workspace, Role role) {
        boolean matches(String email) {
            return domainOf(email).equals(emailDomain);
        }
    }

    /** Whether {@code email} may sign in here: any, unless allowed_email_domains names its domain. */
    boolean allowsEmail(String email) {
        return allowedEmailDomains.isEmpty() || allowedEmailDomains.contains(domainOf(email));
    }

    /** The lower-case part after the last {@code @}. */
    static String domainOf(String email) {
        return email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }
}
