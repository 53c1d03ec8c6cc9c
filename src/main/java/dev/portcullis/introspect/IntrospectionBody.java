package dev.portcullis.introspect;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The RFC 7662 §2.2 response body for a credential, with the workspace fields of the SPEC.
 * Fields without a value are left out, except {@code exp}, which is null for a credential that
 * never expires. Shared by the introspection endpoint and {@code GET /v2/self}.
 *
 * <p>{@code sub} is the workspace (the SPEC's contract), or the client id for a client_credentials
 * token; a JWT access token's own {@code sub} claim is the user (RFC 9068 §2.2).
 */
public final class IntrospectionBody {
    private IntrospectionBody() {}

    /** RFC 7662 §2.2: an inactive token reveals nothing else. */
    public static Map<String, Object> inactive() {
        return Map.of("active", false);
    }

    public static Map<String, Object> of(Optional<Credential> credential, URI issuer) {
        return credential.map(c -> active(c, issuer)).orElseGet(IntrospectionBody::inactive);
    }

    public static Map<String, Object> active(Credential credential, URI issuer) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("active", true);
        body.put("scope", credential.scopes().toString());
        switch (credential) {
            case ApiKeyCredential key -> {
                // No OAuth client stands behind an API key, so client_id is left out; aud is the key itself.
                putTimes(body, "api_key", key.issuedAt(), key.expiresAt());
                body.put("sub", key.workspace().id());
                body.put("aud", key.id());
                body.put("iss", issuer.toString());
                key.authorizedByMemberId().ifPresent(m -> body.put("authorized_by_workspace_member_id", m));
                putWorkspace(body, key.workspace());
            }
            case AccessTokenCredential token -> {
                body.put("client_id", token.clientId());
                putTimes(body, "Bearer", token.issuedAt(), token.expiresAt());
                body.put("sub", token.workspace().map(Credential.Workspace::id).orElse(token.clientId()));
                body.put("aud", token.audience());
                body.put("iss", issuer.toString());
                token.grant().ifPresent(grant -> putGrant(body, grant));
            }
            case RefreshTokenCredential token -> {
                body.put("client_id", token.clientId());
                putTimes(body, "refresh_token", token.issuedAt(), token.expiresAt());
                body.put("sub", token.grant().workspace().id());
                body.put("aud", token.clientId());
                body.put("iss", issuer.toString());
                putGrant(body, token.grant());
            }
        }
        return body;
    }

    private static void putTimes(Map<String, Object> body, String tokenType, Instant issuedAt, Optional<Instant> expiresAt) {
        body.put("token_type", tokenType);
        body.put("exp", expiresAt.map(Instant::getEpochSecond).orElse(null));
        body.put("iat", issuedAt.getEpochSecond());
    }

    private static void putGrant(Map<String, Object> body, Credential.UserGrant grant) {
        body.put("authorized_by_workspace_member_id", grant.memberId());
        putWorkspace(body, grant.workspace());
    }

    private static void putWorkspace(Map<String, Object> body, Credential.Workspace workspace) {
        body.put("workspace_id", workspace.id());
        body.put("workspace_name", workspace.name());
        body.put("workspace_slug", workspace.slug());
        workspace.logoUrl().ifPresent(url -> body.put("workspace_logo_url", url));
    }
}
