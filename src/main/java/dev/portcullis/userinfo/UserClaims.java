package dev.portcullis.userinfo;

import dev.portcullis.identity.User;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The claims about a user that UserInfo and ID tokens release (OIDC Core §5.4): {@code profile}
 * releases the name and the profile claims the user has set, {@code email} the email claims;
 * {@code sub} always. A claims request (§5.5) adds single claims, but only those of a scope the
 * app is registered for, so an app never learns what it could not have asked for by scope.
 */
public final class UserClaims {
    /** Every standard claim of §5.4's profile scope, in §5.1's order. */
    static final List<String> PROFILE = Stream.of(Stream.of("name"), User.Profile.CLAIMS.stream(), Stream.of("updated_at"))
            .flatMap(s -> s).toList();
    static final List<String> EMAIL = List.of("email", "email_verified");
    /** Every scope that releases claims. */
    static final List<String> SCOPES = List.of("profile", "email");

    private UserClaims() {}

    /** Every user claim this server knows, for discovery's claims_supported. */
    public static List<String> supported() {
        return Stream.concat(PROFILE.stream(), EMAIL.stream()).toList();
    }

    /** UserInfo (§5.3.2): {@code sub}, the claims of the granted scopes, and those the request's userinfo member names. */
    public static Map<String, Object> forUserInfo(User user, Collection<String> scopes, ClaimsRequest requested) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", user.id());
        release(user, scopes, requested.userinfo().keySet(), claims);
        return claims;
    }

    /**
     * The user claims of an ID token: those the request's id_token member names, plus, when no
     * access token comes with it (response_type=id_token), the claims of the granted scopes,
     * which otherwise are UserInfo's to give (§5.4).
     */
    public static Map<String, Object> forIdToken(User user, Collection<String> scopes, ClaimsRequest requested,
                                                 boolean withAccessToken) {
        Map<String, Object> claims = new LinkedHashMap<>();
        release(user, withAccessToken ? List.of() : scopes, requested.idToken().keySet(), claims);
        return claims;
    }

    /**
     * The scopes whose claims {@code requested} names: the person consents to them as if they
     * were asked for by scope, so a claims request cannot reach past the consent screen.
     */
    public static List<String> scopesNamedBy(ClaimsRequest requested) {
        var named = Stream.concat(requested.idToken().keySet().stream(), requested.userinfo().keySet().stream()).toList();
        return SCOPES.stream().filter(scope -> named.stream().anyMatch(claim -> (scope.equals("profile") ? PROFILE : EMAIL)
                .contains(claim))).toList();
    }

    /** Whether a claims request may name {@code claim} for UserInfo. */
    static boolean mayRequest(String claim, Collection<String> appScopes) {
        return (PROFILE.contains(claim) && appScopes.contains("profile")) || (EMAIL.contains(claim) && appScopes.contains("email"));
    }

    /** Whether a claims request may name {@code claim} for the ID token; acr is about the login, not the user. */
    static boolean mayRequestInIdToken(String claim, Collection<String> appScopes) {
        return claim.equals("acr") || mayRequest(claim, appScopes);
    }

    private static void release(User user, Collection<String> scopes, Collection<String> named, Map<String, Object> out) {
        all(user).forEach((name, value) -> {
            boolean byScope = (scopes.contains("profile") && PROFILE.contains(name)) || (scopes.contains("email") && EMAIL.contains(name));
            if (byScope || named.contains(name)) out.put(name, value);
        });
    }

    /**
     * Every claim the user has a value for. given_name and family_name, until the user sets them,
     * are derived from the name (the last word is the family name), as they always were.
     */
    private static Map<String, Object> all(User user) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("name", user.name());
        User.Profile p = user.profile();
        int space = user.name().lastIndexOf(' ');
        claims.put("given_name", p.givenName().orElse(space > 0 ? user.name().substring(0, space) : user.name()));
        p.familyName().or(() -> space > 0 ? Optional.of(user.name().substring(space + 1)) : Optional.empty())
                .ifPresent(v -> claims.put("family_name", v));
        p.claims().forEach(claims::putIfAbsent);
        claims.put("updated_at", p.updatedAt().getEpochSecond());
        claims.put("email", user.email());
        claims.put("email_verified", user.emailVerified());
        return claims;
    }
}
