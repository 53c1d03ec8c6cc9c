package dev.portcullis.dpop;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

/** A client holding one DPoP key: proofs made by the Nimbus SDK's DPoPProofFactory, and the raw calls that carry them. */
final class DPoPClient {
    final TestServer server;
    final ECKey key;
    private final DefaultDPoPProofFactory factory;

    DPoPClient(TestServer server) {
        this.server = server;
        try {
            this.key = new ECKeyGenerator(Curve.P_256).generate();
            this.factory = new DefaultDPoPProofFactory(key, JWSAlgorithm.ES256);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String thumbprint() {
        return DPoPProofs.thumbprint(key);
    }

    /** A proof for {@code method} at {@code path} of this server; {@code accessToken} and {@code nonce} may be null. */
    String proof(String method, String path, String accessToken, String nonce) {
        return proof(method, server.uri(path), accessToken, nonce, Instant.now());
    }

    String proof(String method, URI htu, String accessToken, String nonce, Instant iat) {
        try {
            return factory.createDPoPJWT(new JWTID(), method, htu, Date.from(iat),
                    accessToken == null ? null : new DPoPAccessToken(accessToken), nonce == null ? null : new Nonce(nonce)).serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A proof signed by this key over a header and claims as given, for the proofs the SDK refuses
     * to make (a private jwk in the header, a query in htu).
     */
    String handMade(Map<String, Object> header, JWTClaimsSet claims) {
        try {
            String input = Base64URL.encode(JSONObjectUtils.toJSONString(header)) + "."
                    + Base64URL.encode(claims.toString());
            var signature = new ECDSASigner(key)
                    .sign(new JWSHeader(JWSAlgorithm.ES256), input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + signature;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims of a fresh proof for POST at {@code htu}. */
    static JWTClaimsSet claims(String htu) {
        return new JWTClaimsSet.Builder().jwtID(new JWTID().getValue()).claim("htm", "POST").claim("htu", htu)
                .issueTime(new Date()).build();
    }

    /** POST a form to the token endpoint with a {@code DPoP} header (when {@code proof} is not null). */
    HttpResponse<String> token(String authorization, Map<String, String> params, String proof) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(OAuthClient.form(params)));
        if (authorization != null) b.header("Authorization", authorization);
        if (proof != null) b.header("DPoP", proof);
        return server.send(b.build());
    }

    /** GET {@code path} with {@code Authorization: <authorization>} and, when not null, a DPoP proof. */
    HttpResponse<String> get(String path, String authorization, String proof) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).header("Authorization", authorization);
        if (proof != null) b.header("DPoP", proof);
        return server.send(b.build());
    }

    /** GET {@code path} as {@code Authorization: DPoP} with a fresh proof for it. */
    HttpResponse<String> call(String path, String accessToken) {
        return get(path, "DPoP " + accessToken, proof("GET", path, accessToken, null));
    }
}
