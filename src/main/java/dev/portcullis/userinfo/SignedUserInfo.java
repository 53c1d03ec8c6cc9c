package dev.portcullis.userinfo;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.portcullis.apps.App;
import dev.portcullis.apps.ClientLookup;
import dev.portcullis.keys.KeyRing;
import dev.portcullis.keys.SigningAlgorithm;
import java.util.Map;
import java.util.Optional;

/**
 * OIDC Core §5.3.2: the UserInfo answer as a JWS for an app that registered
 * {@code userinfo_signed_response_alg}, signed by the server's current key of that algorithm.
 * It carries the same claims as the JSON answer plus {@code iss} and {@code aud} (the client).
 */
public final class SignedUserInfo {
    private final ClientLookup apps;
    private final KeyRing keys;
    private final String issuer;

    public SignedUserInfo(ClientLookup apps, KeyRing keys, String issuer) {
        this.apps = apps;
        this.keys = keys;
        this.issuer = issuer;
    }

    /** The compact JWS for {@code clientId}, or empty when its app wants plain JSON. */
    Optional<String> sign(String clientId, Map<String, Object> claims) {
        Optional<SigningAlgorithm> alg = apps.find(clientId).flatMap(App::userinfoAlg).flatMap(SigningAlgorithm::named);
        return alg.map(a -> keys.sign(withIssuerAndAudience(clientId, claims), a, JOSEObjectType.JWT));
    }

    private JWTClaimsSet withIssuerAndAudience(String clientId, Map<String, Object> claims) {
        JWTClaimsSet.Builder jwt = new JWTClaimsSet.Builder();
        claims.forEach(jwt::claim);
        return jwt.issuer(issuer).audience(clientId).build();
    }
}
