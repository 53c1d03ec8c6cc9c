package dev.portcullis.authorize;

import dev.portcullis.connections.Connection;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.storage.Tx;
import dev.portcullis.token.TokenRepository;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Mints a single-use authorization code bound to everything the token endpoint must check. */
public final class CodeIssuer {
    private final TokenRepository tokens;
    private final SecureRandom random;
    private final Duration lifetime;

    public CodeIssuer(TokenRepository tokens, SecureRandom random, Duration lifetime) {
        this.tokens = tokens;
        this.random = random;
        this.lifetime = lifetime;
    }

    String issue(Tx tx, AuthorizeRequest request, Connection connection, Instant authTime, List<String> amr, Instant now) {
        Token code = Token.mint(TokenKind.AUTHORIZATION_CODE, random);
        tokens.insertCode(tx, new TokenRepository.Code(code.hash(), request.clientId(), connection.id(), request.redirectUri(),
                request.scopes(), request.codeChallenge(), request.nonce(), request.resource(), authTime, now, now.plus(lifetime),
                request.claims(), request.acrValues(), request.dpopJkt(), amr));
        return code.value();
    }
}
