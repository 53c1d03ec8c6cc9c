package dev.portcullis.token;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What a grant issued, as its transaction committed it: the JWTs in it are not signed yet. {@code dpopBound}: see TokenResponse. */
record TokenDraft(TokenIssuer.AccessDraft access, List<String> scopes, Optional<String> refreshToken,
                  Optional<IdTokens.Unsigned> idToken, Instant now, boolean dpopBound) {
}
