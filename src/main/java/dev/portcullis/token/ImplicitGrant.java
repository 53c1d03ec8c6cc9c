package dev.portcullis.token;

import dev.portcullis.connections.Connection;
import dev.portcullis.events.Actor;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.secrets.Ids;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The implicit flow's answer (OIDC Core §3.2.2.5), minted at the authorization endpoint: an ID
 * token, and for {@code id_token token} an access token of a new grant, so revoking the
 * connection kills it like any other. Never a refresh token. Only apps that opted in reach it
 * (RFC 9700 §2.1.2 advises against tokens in the front channel).
 */
public final class ImplicitGrant {
    private final TokenRepository tokens;
    private final TokenIssuer issuer;
    private final IdTokens idTokens;
    private final Ids ids;

    public ImplicitGrant(TokenRepository tokens, TokenIssuer issuer, IdTokens idTokens, Ids ids) {
        this.tokens = tokens;
        this.issuer = issuer;
        this.idTokens = idTokens;
        this.ids = ids;
    }

    /** What {@link #draft} stored and still has to sign once the transaction commits. */
    public record Draft(IdTokens.Unsigned idToken, Optional<TokenIssuer.AccessDraft> access, List<String> scopes, Instant now) {}

    /** {@code actor}: the client, for the token.issued event recorded when an access token is minted. */
    public Draft draft(Tx tx, Actor actor, IdTokens.Context context, Connection connection, Optional<String> resource,
                       Instant now) {
        String connectionId = connection.id();
        Optional<TokenIssuer.AccessDraft> access = Optional.empty();
        if (context.withAccessToken()) {
            var grant = new TokenRepository.Grant(ids.next(), context.app().clientId(), connectionId, context.scopes(), resource,
                    context.authTime(), now, issuer.familyExpiry(now), context.claims());
            tokens.insertGrant(tx, grant);
            var token = issuer.access(tx, context.app(), Optional.of(grant.id()), context.scopes(), resource, now);
            issuer.events().issued(tx, actor, GrantType.IMPLICIT, context.app().clientId(), context.scopes(), Optional.of(grant.id()),
                    Optional.of(connection.workspaceId()), token);
            access = Optional.of(token);
        }
        return new Draft(idTokens.claims(tx, context, now), access, context.scopes(), now);
    }

    /** The response parameters, signed: {@code id_token}, and the access token's with {@code at_hash} binding the two. */
    public Map<String, String> sign(Draft draft) {
        Map<String, String> params = new LinkedHashMap<>();
        draft.access().map(issuer::sign).ifPresentOrElse(access -> {
            params.put("access_token", access.value());
            params.put("token_type", "Bearer");
            access.expiresIn(draft.now()).ifPresent(seconds -> params.put("expires_in", Long.toString(seconds)));
            params.put("scope", String.join(" ", draft.scopes()));
            params.put("id_token", idTokens.sign(draft.idToken(), access.value()));
        }, () -> params.put("id_token", idTokens.sign(draft.idToken())));
        return params;
    }
}
