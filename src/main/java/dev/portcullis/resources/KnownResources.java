package dev.portcullis.resources;

import java.util.function.Predicate;

/**
 * RFC 8707: the resources tokens may be issued for: the built-in API ({@code <issuer>/v2}) and
 * those the operator registered. One rule, asked by the authorization and token endpoints.
 */
public final class KnownResources implements Predicate<String> {
    private final String builtIn;
    private final ResourceService registered;

    public KnownResources(String issuer, ResourceService registered) {
        this.builtIn = builtInApi(issuer);
        this.registered = registered;
    }

    public static String builtInApi(String issuer) {
        return issuer + "/v2";
    }

    @Override
    public boolean test(String uri) {
        return builtIn.equals(uri) || registered.find(uri).isPresent();
    }
}
