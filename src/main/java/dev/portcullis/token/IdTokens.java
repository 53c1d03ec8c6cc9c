package dev.portcullis.token;

import dev.portcullis.apps.App;
import dev.portcullis.storage.Tx;
import java.time.Instant;

/** Mints the OpenID Connect ID token for a redeemed code (OIDC Core §3.1.3.3). */
public interface IdTokens {
    String mint(Tx tx, App app, TokenRepository.Code code, String accessToken, Instant now);
}
