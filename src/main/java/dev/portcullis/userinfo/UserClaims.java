package dev.portcullis.userinfo;

import dev.portcullis.identity.User;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** OIDC Core §5.4: {@code profile} releases the name and the profile claims the user has set, {@code email} the email claims; {@code sub} always. */
public final class UserClaims {
    private UserClaims() {}

    public static Map<String, Object> of(User user, Collection<String> scopes) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", user.id());
        if (scopes.contains("profile")) {
            claims.put("name", user.name());
            int space = user.name().lastIndexOf(' ');
            claims.put("given_name", space > 0 ? user.name().substring(0, space) : user.name());
            if (space > 0) claims.put("family_name", user.name().substring(space + 1));
            User.Profile p = user.profile();
            p.preferredUsername().ifPresent(v -> claims.put("preferred_username", v));
            p.picture().ifPresent(v -> claims.put("picture", v));
            p.locale().ifPresent(v -> claims.put("locale", v));
            p.zoneinfo().ifPresent(v -> claims.put("zoneinfo", v));
            claims.put("updated_at", p.updatedAt().getEpochSecond());
        }
        if (scopes.contains("email")) {
            claims.put("email", user.email());
            claims.put("email_verified", user.emailVerified());
        }
        return claims;
    }
}
