package dev.portcullis.mfa;

import com.fasterxml.jackson.databind.JsonNode;
import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import dev.portcullis.http.Json;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A software passkey for HTTP tests: an ES256 key pair that answers the server's creation and request
 * options the way a browser and its authenticator do (WebAuthn Level 3 JSON, attestation "none"),
 * from any origin a test names, so tests can also answer wrongly on purpose.
 */
public final class SoftAuthenticator {
    private static final ObjectConverter CONVERTER = new ObjectConverter();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final KeyPair keys;
    private final byte[] credentialId = new byte[16];
    private byte[] userHandle;
    private String rpId;
    private long counter;
    private boolean backupEligible;

    public SoftAuthenticator() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        new SecureRandom().nextBytes(credentialId);
    }

    /** From now on the authenticator says its key may be synced off the device (the BE flag). */
    public SoftAuthenticator synced() {
        backupEligible = true;
        return this;
    }

    public String credentialId() {
        return B64.encodeToString(credentialId);
    }

    /** Sets the signature counter the next answer counts on from (a cloned authenticator's goes back). */
    public void counter(long value) {
        counter = value;
    }

    /** The answer to creation options (their JSON), as navigator.credentials.create() at {@code origin} gives it. */
    public String register(String optionsJson, String origin) {
        JsonNode options = read(optionsJson);
        rpId = options.path("rp").path("id").asText();
        userHandle = Base64.getUrlDecoder().decode(options.path("user").path("id").asText());
        byte[] clientData = clientData("webauthn.create", options.path("challenge").asText(), origin);
        var attested = new AttestedCredentialData(AAGUID.ZERO, credentialId,
                EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256));
        var authData = new AuthenticatorData<com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput>(
                sha256(rpId.getBytes(StandardCharsets.UTF_8)), flags(true, AuthenticatorData.BIT_AT), counter, attested);
        byte[] attestation = new AttestationObjectConverter(CONVERTER).convertToBytes(new AttestationObject(authData, new NoneAttestationStatement()));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("clientDataJSON", B64.encodeToString(clientData));
        response.put("attestationObject", B64.encodeToString(attestation));
        response.put("transports", List.of("internal"));
        return credential(response);
    }

    /** The answer to request options (their JSON), as navigator.credentials.get() at {@code origin} gives it. */
    public String answer(String optionsJson, String origin) {
        return answer(read(optionsJson).path("challenge").asText(), origin, true);
    }

    /** An answer to {@code challenge}, with or without user verification. */
    public String answer(String challenge, String origin, boolean userVerified) {
        counter++;
        byte[] clientData = clientData("webauthn.get", challenge, origin);
        var authData = new AuthenticatorData<>(sha256(rpId.getBytes(StandardCharsets.UTF_8)), flags(userVerified, (byte) 0), counter);
        byte[] authBytes = new AuthenticatorDataConverter(CONVERTER).convert(authData);
        byte[] signature;
        try {
            // WebAuthn §6.3.3: the signature covers authenticatorData || SHA-256(clientDataJSON); ES256 signatures are DER.
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            ByteArrayOutputStream signed = new ByteArrayOutputStream();
            signed.writeBytes(authBytes);
            signed.writeBytes(sha256(clientData));
            signer.update(signed.toByteArray());
            signature = signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("clientDataJSON", B64.encodeToString(clientData));
        response.put("authenticatorData", B64.encodeToString(authBytes));
        response.put("signature", B64.encodeToString(signature));
        response.put("userHandle", B64.encodeToString(userHandle));
        return credential(response);
    }

    private byte flags(boolean userVerified, byte more) {
        int flags = AuthenticatorData.BIT_UP | more;
        if (userVerified) flags |= AuthenticatorData.BIT_UV;
        if (backupEligible) flags |= AuthenticatorData.BIT_BE;
        return (byte) flags;
    }

    private String credential(Map<String, Object> response) {
        Map<String, Object> credential = new LinkedHashMap<>();
        credential.put("id", credentialId());
        credential.put("rawId", credentialId());
        credential.put("type", "public-key");
        credential.put("response", response);
        credential.put("clientExtensionResults", Map.of());
        return new String(Json.bytes(credential), StandardCharsets.UTF_8);
    }

    private static byte[] clientData(String type, String challenge, String origin) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", type);
        data.put("challenge", challenge);
        data.put("origin", origin);
        data.put("crossOrigin", false);
        return Json.bytes(data);
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("options are JSON: " + json, e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
