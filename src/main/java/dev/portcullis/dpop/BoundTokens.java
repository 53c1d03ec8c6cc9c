package dev.portcullis.dpop;

import dev.portcullis.credentials.AccessTokenCredential;
import dev.portcullis.credentials.AuthorizationHeader;
import dev.portcullis.credentials.Credential;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import java.util.List;
import java.util.Optional;

/**
 * The one rule of RFC 9449 §7 at a resource (/v2, userinfo): a token bound to a DPoP key is honoured
 * only as {@code Authorization: DPoP} with a proof by that key for this request and this token; the
 * DPoP scheme is only for bound tokens; anything else goes on as a bearer credential.
 */
public final class BoundTokens {
    private final DPoPProofs proofs;

    public BoundTokens(DPoPProofs proofs) {
        this.proofs = proofs;
    }

    /**
     * Refuses {@code credential} unless it was presented as its binding requires. {@code proofs}: every
     * DPoP header value; {@code method}, {@code path}: the request's, as the proof must name them.
     */
    public void check(AuthorizationHeader header, Credential credential, List<String> proofHeaders, String method, String path) {
        Optional<String> bound = credential instanceof AccessTokenCredential token ? token.jkt() : Optional.empty();
        if (!(header instanceof AuthorizationHeader.DPoP(String token))) {
            asBearer(credential);
            return;
        }
        if (bound.isEmpty()) {
            throw new OAuthException(new OAuthError.InvalidDpopToken("This token is not DPoP-bound: send it as Authorization: Bearer"));
        }
        String clientId = ((AccessTokenCredential) credential).clientId();
        String jkt = proofs.atResource(proofHeaders, method, path, token, clientId);
        if (!jkt.equals(bound.get())) {
            throw DPoPProofs.refused(DPoPProofs.Where.RESOURCE, "The DPoP proof is signed by another key than the token is bound to");
        }
    }

    /**
     * {@code credential}, presented as a bearer credential (RFC 6750) where no proof can come
     * (Attio-style introspection, a resource server's own token); refused when it is DPoP-bound.
     */
    public static Credential asBearer(Credential credential) {
        if (credential instanceof AccessTokenCredential token && token.jkt().isPresent()) {
            throw new OAuthException(new OAuthError.InvalidDpopToken(
                    "This token is DPoP-bound: send it as Authorization: DPoP with a DPoP proof"));
        }
        return credential;
    }
}
