package dev.portcullis.scopes;

import java.util.Set;

/**
 * The scopes that speak for a signed-in person (OpenID Connect Core §5.4, §11), so only a user's
 * consent can grant them: never a client_credentials token, never a workspace API key.
 */
public final class UserScopes {
    private static final Set<String> NAMES = Set.of("openid", "profile", "email", "offline_access");

    private UserScopes() {}

    public static boolean contains(String name) {
        return NAMES.contains(name);
    }
}
