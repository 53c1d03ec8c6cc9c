package dev.portcullis.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.portcullis.credentials.AuthorizationHeader.Absent;
import dev.portcullis.credentials.AuthorizationHeader.Basic;
import dev.portcullis.credentials.AuthorizationHeader.Bearer;
import dev.portcullis.credentials.AuthorizationHeader.MalformedBasic;
import dev.portcullis.credentials.AuthorizationHeader.OtherScheme;
import dev.portcullis.credentials.AuthorizationHeader.Several;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthorizationHeaderTest {

    static String basic(String pair) {
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parseWhenBearerThenTokenWithSchemeCaseAndSpacesIgnored() {
        assertEquals(new Bearer("pc_at_x"), AuthorizationHeader.parse(List.of("Bearer pc_at_x")));
        assertEquals(new Bearer("pc_at_x"), AuthorizationHeader.parse(List.of("  bEaReR    pc_at_x  ")));
        assertEquals(Optional.of("pc_at_x"), AuthorizationHeader.parse(List.of("bearer pc_at_x")).bearer());
    }

    @Test
    void bearerWhenEmptyOrSeveralOrAnotherSchemeThenNone() {
        for (List<String> values : List.<List<String>>of(List.of(), List.of("Bearer"), List.of("Bearer   "), List.of("Bearer a", "Bearer b"),
                List.of(basic("a:")), List.of("DPoP a"))) {
            assertEquals(Optional.empty(), AuthorizationHeader.parse(values).bearer(), values.toString());
        }
        assertEquals(new Bearer(""), AuthorizationHeader.parse(List.of("Bearer")), "the caller decides what an empty token means");
    }

    @Test
    void parseWhenBasicThenUserIdAndPasswordAsSentUntilFormDecoded() {
        var sent = (Basic) AuthorizationHeader.parse(List.of(basic("my%20app:s%3Acret+x:y")));
        assertEquals(new Basic("my%20app", "s%3Acret+x:y"), sent, "split at the first colon only (RFC 7617 §2)");
        assertEquals(Optional.of(new Basic("my app", "s:cret x:y")), sent.formDecoded(), "RFC 6749 §2.3.1");
        assertEquals(Optional.empty(), new Basic("100%", "x").formDecoded(), "a broken escape is no client");
        assertEquals(new Basic("", ""), AuthorizationHeader.parse(List.of(basic(":"))));
    }

    @Test
    void parseWhenBasicIsNotBase64OfAPairThenMalformed() {
        for (String value : List.of("Basic !!!", basic("no colon"), "Basic", "basic    ")) {
            assertEquals(new MalformedBasic(), AuthorizationHeader.parse(List.of(value)), value);
        }
    }

    @Test
    void parseWhenDpopThenTheTokenWhichOnlyAccessTokenReadsNotBearer() {
        assertEquals(new AuthorizationHeader.DPoP("pc_at_x"), AuthorizationHeader.parse(List.of("DPoP pc_at_x")));
        assertEquals(new AuthorizationHeader.DPoP("pc_at_x"), AuthorizationHeader.parse(List.of("  dpop   pc_at_x ")));
        assertEquals(Optional.of("pc_at_x"), AuthorizationHeader.parse(List.of("DPoP pc_at_x")).accessToken());
        assertEquals(Optional.of("pc_at_x"), AuthorizationHeader.parse(List.of("Bearer pc_at_x")).accessToken());
        assertEquals(Optional.empty(), AuthorizationHeader.parse(List.of("DPoP")).accessToken());
        assertEquals(Optional.empty(), AuthorizationHeader.parse(List.of(basic("a:"))).accessToken());
    }

    @Test
    void parseWhenOtherSchemeThenItsNameOnly() {
        assertEquals(new OtherScheme("mac"), AuthorizationHeader.parse(List.of("MAC eyJ")));
        assertEquals(new OtherScheme("token"), AuthorizationHeader.parse(List.of("token")));
        assertEquals(new OtherScheme(""), AuthorizationHeader.parse(List.of("")));
    }

    @Test
    void parseWhenSeveralThenSeveralRememberingTheFirst() {
        var several = AuthorizationHeader.parse(List.of(basic("a:b"), "Bearer x"));
        assertEquals(new Several(new Basic("a", "b")), several);
        assertEquals(new Basic("a", "b"), several.firstSent());
        assertEquals(new Absent(), AuthorizationHeader.parse(List.of()).firstSent());
    }

    @Test
    void basicNeverPrintsItsPassword() {
        assertFalse(new Basic("client", "s3cret").toString().contains("s3cret"));
    }
}
