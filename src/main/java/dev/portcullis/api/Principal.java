package dev.portcullis.api;

import dev.portcullis.credentials.AccessTokenCredential;
import dev.portcullis.credentials.ApiKeyCredential;
import dev.portcullis.credentials.Credential;
import dev.portcullis.credentials.RefreshTokenCredential;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.scopes.ScopeSet;
import dev.portcullis.secrets.TokenKind;
import java.util.Optional;

/**
 * Who is calling the API: the workspace every query is confined to, the scopes granted, and the
 * credential behind them (its id keys the rate limits; {@code GET /v2/self} describes it).
 * A client_credentials token has no workspace: it may call {@code /v2/self} and workspace-free
 * routes, and every route that reads {@link #workspaceId()} answers it 403.
 */
public record Principal(Optional<Credential.Workspace> workspace, ScopeSet scopes, String credentialId, TokenKind kind,
                        Credential credential) {

    public static Principal of(Credential credential) {
        return switch (credential) {
            case ApiKeyCredential key -> new Principal(Optional.of(key.workspace()), key.scopes(), key.id(), key.kind(), key);
            case AccessTokenCredential token -> new Principal(token.workspace(), token.scopes(), token.id(), token.kind(), token);
            // The resolver never returns one for a bearer; refused here too, should that ever change.
            case RefreshTokenCredential refresh -> throw new OAuthException(new OAuthError.InvalidToken("A refresh token is not an access token"));
        };
    }

    /** The workspace to confine queries to; 403 for a token that is bound to none (client_credentials). */
    public String workspaceId() {
        return workspace.map(Credential.Workspace::id).orElseThrow(() -> new OAuthException(new OAuthError.AccessDenied(
                "This token is not bound to a workspace (client_credentials); use a token a workspace member authorized")));
    }
}
