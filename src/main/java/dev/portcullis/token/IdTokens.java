package dev.portcullis.token;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.portcullis.apps.App;
import dev.portcullis.keys.SigningAlgorithm;
import dev.portcullis.storage.Tx;
import dev.portcullis.userinfo.Acr;
import dev.portcullis.userinfo.ClaimsRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Mints OpenID Connect ID tokens (OIDC Core §2) in two steps: the claims inside the caller's
 * transaction, the signature after it commits. The token endpoint mints them for a redeemed code;
 * the authorization endpoint may for the implicit flow, from a {@link Context} of its own.
 */
public interface IdTokens {

    /**
     * What an ID token is for: the user, the client, what the authorization request asked
     * (scopes, nonce, claims request), when the user logged in, the acr to state (see {@link Acr}),
     * whether an access token is issued with it (then the scopes' claims go to UserInfo, §5.4), and
     * how the user logged in ({@code amr}, OIDC Core §2; left out when empty).
     */
    record Context(String userId, App app, List<String> scopes, Optional<String> nonce, Instant authTime,
                   ClaimsRequest claims, Optional<String> acr, boolean withAccessToken, List<String> amr) {

        public Context(String userId, App app, List<String> scopes, Optional<String> nonce, Instant authTime,
                       ClaimsRequest claims, Optional<String> acr, boolean withAccessToken) {
            this(userId, app, scopes, nonce, authTime, claims, acr, withAccessToken, List.of());
        }

        /** A redeemed code's: the code flow always issues an access token with the ID token. */
        public static Context of(TokenRepository.Code code, String userId, App app) {
            return new Context(userId, app, code.scopes(), code.nonce(), code.authTime(), code.claims(),
                    Acr.answer(code.acrValues(), code.claims(), code.amr()), true, code.amr());
        }
    }

    /** The context of a redeemed code, its user read through the code's connection. */
    Context context(Tx tx, App app, TokenRepository.Code code);

    Unsigned claims(Tx tx, Context context, Instant now);

    /** Adds {@code at_hash}, which binds the ID token to the access token it came with, and signs. */
    String sign(Unsigned idToken, String accessToken);

    /** Signs an ID token issued without an access token (response_type=id_token): no {@code at_hash}. */
    String sign(Unsigned idToken);

    record Unsigned(JWTClaimsSet claims, SigningAlgorithm alg) {}
}
