package dev.portcullis.introspect;

import dev.portcullis.credentials.AccessTokenCredential;
import dev.portcullis.credentials.ApiKeyCredential;
import dev.portcullis.credentials.Credential;
import dev.portcullis.credentials.RefreshTokenCredential;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The RFC 7662 §2.2 response body for a credential, with Portcullis's workspace fields (docs/credential-resolution.md).
 * Fields without a value are left out, except {@code exp}, which is null for a credential that
 * never expires. Shared by the introspection endpoint and {@code GET /v2/self}.
 *
 * <p>{@code sub} has two answers for one user token ({@link Subject}): the workspace for the Attio
 * style and {@code /v2/self}, the user for RFC 7662 callers. API keys name their workspace and
 * client_credentials tokens their client in both.
 */
public final class IntrospectionBody {
    private IntrospectionBody() {}

    /** What {@code sub} names for a user-authorized token. */
    public enum Subject {
        /** Attio style and {@code GET /v2/self}: the workspace the token acts on, as Attio defines it. */
        WORKSPACE,
        /** RFC 7662 §2.2 with RFC 9068 §2.2: the user, the ID token's and the JWT access token's {@code sub}. */
        USER
    }

    /** RFC 7662 §2.2: an inactive token reveals nothing else. */
    public static Map<String, Object> inactive() {
        return Map.of("active", false);
    }

    public static Map<String, Object> of(Optional<Credential> credential, URI issuer, Subject subject) {
        return credential.map(c -> active(c, issuer, subject)).orElseGet(IntrospectionBody::inactive);
    }

    /** The Attio-style body ({@code sub} the workspace), as {@code GET /v2/self} answers. */
    public static Map<String, Object> active(Credential credential, URI issuer) {
        return active(credential, issuer, Subject.WORKSPACE);
    }

    public static Map<String, Object> active(Credential credential, URI issuer, Subject subject) {
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
                putTimes(body, token.jkt().isPresent() ? "DPoP" : "Bearer", token.issuedAt(), token.expiresAt());
                // RFC 9449 §6.2: the resource checks the proof's key against this.
                token.jkt().ifPresent(jkt -> body.put("cnf", Map.of("jkt", jkt)));
                body.put("sub", token.grant().map(grant -> subject(grant, subject)).orElse(token.clientId()));
                body.put("aud", token.audience());
                body.put("iss", issuer.toString());
                token.grant().ifPresent(grant -> putGrant(body, grant));
                token.grant().flatMap(Credential.UserGrant::act).ifPresent(act -> body.put("act", Act.parse(act)));
            }
            case RefreshTokenCredential token -> {
                body.put("client_id", token.clientId());
                putTimes(body, "refresh_token", token.issuedAt(), token.expiresAt());
                body.put("sub", subject(token.grant(), subject));
                body.put("aud", token.clientId());
                body.put("iss", issuer.toString());
                putGrant(body, token.grant());
            }
        }
        return body;
    }

    private static String subject(Credential.UserGrant grant, Subject subject) {
        return switch (subject) {
            case WORKSPACE -> grant.workspace().id();
            case USER -> grant.userId();
        };
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
