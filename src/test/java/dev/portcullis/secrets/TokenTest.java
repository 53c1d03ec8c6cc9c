package dev.portcullis.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TokenTest {
    private final SecureRandom random = new SecureRandom();

    @ParameterizedTest
    @EnumSource(TokenKind.class)
    void mintedTokenParsesBackToItsKind(TokenKind kind) {
        Token t = Token.mint(kind, random);
        assertTrue(t.value().startsWith(kind.prefix()));
        assertEquals(kind.prefix().length() + 49, t.value().length());
        assertEquals(t, Token.parse(t.value()).orElseThrow());
    }

    @Test
    void anyChangedCharacterFailsTheChecksum() {
        String v = Token.mint(TokenKind.ACCESS_TOKEN, random).value();
        for (int i = TokenKind.ACCESS_TOKEN.prefix().length(); i < v.length(); i++) {
            char c = v.charAt(i) == 'A' ? 'B' : 'A';
            String forged = v.substring(0, i) + c + v.substring(i + 1);
            assertFalse(Token.parse(forged).isPresent(), "accepted forgery at " + i);
        }
    }

    @Test
    void malformedValuesAreRejected() {
        String v = Token.mint(TokenKind.API_KEY, random).value();
        assertFalse(Token.parse(null).isPresent());
        assertFalse(Token.parse("").isPresent());
        assertFalse(Token.parse(v.substring(0, v.length() - 1)).isPresent());
        assertFalse(Token.parse(v + "0").isPresent());
        assertFalse(Token.parse("xx_" + v.substring(3)).isPresent());
        assertFalse(Token.parse(v.replace(v.charAt(10), '-')).isPresent());
    }

    @Test
    void tokensAreUniqueAndHashesStable() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) assertTrue(seen.add(Token.mint(TokenKind.REFRESH_TOKEN, random).value()));
        Token t = Token.mint(TokenKind.CLIENT_SECRET, random);
        assertEquals(t.hash(), SecretHash.of(t.value()));
        assertTrue(t.hash().matches(t.value()));
        assertFalse(t.hash().matches(t.value() + "x"));
        assertNotEquals(t.hash(), Token.mint(TokenKind.CLIENT_SECRET, random).hash());
        assertFalse(t.toString().contains(t.value().substring(10, 30)), "toString must not reveal the secret");
    }

    @ParameterizedTest
    @EnumSource(TokenKind.class)
    void hintIsTheTrueLastFourCharacters(TokenKind kind) {
        Token t = Token.mint(kind, random);
        assertEquals(t.value().substring(t.value().length() - 4), t.hint());
        assertTrue(t.value().endsWith(t.hint()), "what the holder sees at the end of the copied string");
    }
}
