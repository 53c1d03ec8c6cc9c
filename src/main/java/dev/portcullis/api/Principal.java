package dev.portcullis.api;

import dev.portcullis.introspect.ApiKeyCredential;
import dev.portcullis.introspect.Credential;
import dev.portcullis.oauth.ScopeSet;
import dev.portcullis.secrets.TokenKind;

/**
 * Who is calling the API: the workspace every query is confined to, the scopes granted, and the
 * credential behind them (its id keys the rate limits; {@code GET /v2/self} describes it).
 */
public record Principal(String workspaceId, String workspaceName, String workspaceSlug, ScopeSet scopes,
                        String credentialId, TokenKind kind, Credential credential) {

    public static Principal of(Credential credential) {
        return switch (credential) {
            case ApiKeyCredential key -> new Principal(key.workspace().id(), key.workspace().name(),
                    key.workspace().slug(), key.scopes(), key.id(), key.kind(), key);
        };
    }
}
