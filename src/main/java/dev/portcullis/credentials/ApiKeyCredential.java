package dev.portcullis.credentials;

import dev.portcullis.scopes.ScopeSet;
import dev.portcullis.secrets.TokenKind;
import java.time.Instant;
import java.util.Optional;

/**
 * A workspace API key ({@code sk_…}). {@code authorizedByMemberId} is the creator's membership
 * in the key's workspace, while they still have one.
 */
public record ApiKeyCredential(String id, Workspace workspace, ScopeSet scopes, Optional<String> createdByUserId,
                               Optional<String> authorizedByMemberId, Instant issuedAt, Optional<Instant> expiresAt)
        implements Credential {

    @Override
    public TokenKind kind() {
        return TokenKind.API_KEY;
    }
}
