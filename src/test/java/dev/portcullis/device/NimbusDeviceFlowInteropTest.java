package dev.portcullis.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationGrantError;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationRequest;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationResponse;
import com.nimbusds.oauth2.sdk.device.DeviceAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.device.DeviceCodeGrant;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Nimbus OAuth 2.0 SDK's own RFC 8628 client, unchanged, against the real server: metadata
 * discovery, {@link DeviceAuthorizationRequest}, then token polling at the advertised interval
 * while a person approves at /device, ending with OpenID Connect tokens.
 */
class NimbusDeviceFlowInteropTest {

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void nimbusClientCompletesTheDeviceFlow() throws Exception {
        try (var server = TestServer.start(Db.SQLITE)) {
            var device = new DeviceFixture(server);
            ClientID client = new ClientID(device.app("Nimbus device").app().clientId());
            var metadata = AuthorizationServerMetadata.resolve(new Issuer(server.uri("").toString()));

            DeviceAuthorizationResponse started = DeviceAuthorizationResponse.parse(
                    new DeviceAuthorizationRequest.Builder(client).endpointURI(metadata.getDeviceAuthorizationEndpointURI())
                            .scope(new Scope("openid", "profile", "task:read")).build().toHTTPRequest().send());
            assertTrue(started.indicatesSuccess(), () -> started.toErrorResponse().getErrorObject().toString());
            DeviceAuthorizationSuccessResponse codes = started.toSuccessResponse();
            assertEquals(server.uri("/device"), codes.getVerificationURI());

            var grant = new DeviceCodeGrant(codes.getDeviceCode());
            TokenResponse first = poll(metadata, client, grant);
            assertEquals(DeviceAuthorizationGrantError.AUTHORIZATION_PENDING, ((TokenErrorResponse) first).getErrorObject());

            DeviceFixture.decide(device.person("Nim Bus").browser(), codes.getUserCode().getValue(), "approve");

            TokenResponse answer;
            do {
                Thread.sleep(codes.getInterval() * 1000L);
                answer = poll(metadata, client, grant);
            } while (!answer.indicatesSuccess()
                    && DeviceAuthorizationGrantError.AUTHORIZATION_PENDING.equals(((TokenErrorResponse) answer).getErrorObject()));
            TokenResponse last = answer;
            assertTrue(last.indicatesSuccess(), () -> ((TokenErrorResponse) last).getErrorObject().toJSONObject().toString());
            OIDCTokenResponse tokens = (OIDCTokenResponse) last.toSuccessResponse();
            assertTrue(tokens.getOIDCTokens().getIDToken() != null, "an ID token for openid");
            assertEquals(new Scope("openid", "profile", "task:read"), tokens.getTokens().getAccessToken().getScope());
        }
    }

    private static TokenResponse poll(AuthorizationServerMetadata metadata, ClientID client, DeviceCodeGrant grant) throws Exception {
        return OIDCTokenResponseParser.parse(new TokenRequest.Builder(metadata.getTokenEndpointURI(), client, grant).build()
                .toHTTPRequest().send());
    }
}
