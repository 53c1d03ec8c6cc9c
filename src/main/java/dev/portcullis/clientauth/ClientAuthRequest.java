package dev.portcullis.clientauth;

import dev.portcullis.credentials.AuthorizationHeader;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a client presented to authenticate (RFC 6749 §2.3, RFC 7523 §2.2), read once at the
 * endpoint: the parsed Authorization header and the form fields that take part. Each field is
 * present when it was sent, even empty: sending an empty {@code client_secret} beside Basic is
 * still two methods.
 */
public record ClientAuthRequest(AuthorizationHeader header, Optional<String> clientId, Optional<String> clientSecret,
                                Optional<String> assertionType, Optional<String> assertion) {

    /** {@code sent}: whether the request carries a parameter; {@code value}: its value, empty when empty. */
    public static ClientAuthRequest of(AuthorizationHeader header, Predicate<String> sent,
                                       Function<String, Optional<String>> value) {
        Function<String, Optional<String>> field = name -> sent.test(name)
                ? Optional.of(value.apply(name).orElse(""))
                : Optional.empty();
        return new ClientAuthRequest(header, field.apply("client_id"), field.apply("client_secret"),
                field.apply("client_assertion_type"), field.apply("client_assertion"));
    }

    @Override
    public String toString() {
        return "ClientAuthRequest[" + clientId.orElse("-") + "]";
    }
}
