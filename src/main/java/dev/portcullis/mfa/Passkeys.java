package dev.portcullis.mfa;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.util.exception.WebAuthnException;
import dev.portcullis.events.Actor;
import tools.jackson.core.JacksonException;
import dev.portcullis.events.EventDraft;
import dev.portcullis.events.EventLog;
import dev.portcullis.events.EventType;
import dev.portcullis.secrets.Ids;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Database;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Passkeys (WebAuthn Level 3), verified by webauthn4j: registering one from a signed-in session,
 * and answering a sign-in (usernameless, the first factor) or a second factor after the password.
 * Every ceremony's challenge is random, single use, lives {@link #CEREMONY} and is bound to the
 * browser by a cookie whose SHA-256 keys it. The relying party is the issuer: its origin is the only
 * origin accepted, its host the rpId. Attestation is not asked for ("none").
 */
public final class Passkeys {
    public static final Duration CEREMONY = Duration.ofMinutes(5);
    /** The name of the cookie the pages hold a ceremony's value in. */
    public static final String COOKIE = "portcullis_passkey";
    public static final int MAX_NAME = 64;
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.EdDSA),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();

    private final Database db;
    private final PasskeyRepository passkeys;
    private final PasskeyCeremonyRepository ceremonies;
    private final EventLog events;
    private final Ids ids;
    private final Clock clock;
    private final SecureRandom random;
    private final Origin origin;
    private final String rpId;
    private final ObjectConverter converter = new ObjectConverter();
    private final WebAuthnManager webAuthn = WebAuthnManager.createNonStrictWebAuthnManager(converter);

    /** What a ceremony is for; the wire name is stored with it, so an answer cannot be used for another. */
    public enum Purpose {
        REGISTER, SIGN_IN, SECOND_FACTOR;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A ceremony begun: the value of the browser's cookie, and the options for navigator.credentials (binary values base64url). */
    public record Started(String cookieValue, Map<String, Object> options) {}

    /** A passkey as its owner sees it. */
    public record Listed(String id, String name, Instant createdAt, Optional<Instant> lastUsedAt) {}

    /**
     * A passkey that answered: whose, which, the kind of key for amr (RFC 8176: "swk" when the
     * authenticator says the key may be backed up, that is synced off the device; "hwk" when it is
     * bound to its authenticator), and whether the authenticator verified the person (UV flag).
     */
    public record Verified(String userId, String passkeyId, String keyKind, boolean userVerified) {

        /**
         * The amr of a login by this passkey alone: the key, the person's touch ("user"), and when the
         * authenticator verified them (a PIN or biometric on the device), two factors ("mfa", acr "2").
         */
        public List<String> amrAlone() {
            return userVerified ? List.of(keyKind, "user", "mfa") : List.of(keyKind, "user");
        }

        /** The amr of a login by the password and then this passkey: two factors. */
        public List<String> amrAfterPassword() {
            return List.of("pwd", keyKind, "mfa");
        }
    }

    public Passkeys(Database db, PasskeyRepository passkeys, PasskeyCeremonyRepository ceremonies, EventLog events, Ids ids,
                    URI issuer, Clock clock, SecureRandom random) {
        this.db = db;
        this.passkeys = passkeys;
        this.ceremonies = ceremonies;
        this.events = events;
        this.ids = ids;
        this.clock = clock;
        this.random = random;
        // WebAuthn §5.1.4: the origin is scheme, host and port; the RP ID a registrable domain of it, here the host.
        this.origin = new Origin(issuer.getScheme() + "://" + issuer.getRawAuthority());
        this.rpId = issuer.getHost();
    }

    /** Whether the user has a passkey: then the password alone does not sign them in. */
    public boolean registered(String userId) {
        return !db.read(tx -> passkeys.listOf(tx, userId)).isEmpty();
    }

    public List<Listed> list(String userId) {
        return db.read(tx -> passkeys.listOf(tx, userId)).stream()
                .map(p -> new Listed(p.id(), p.name(), p.createdAt(), p.lastUsedAt())).toList();
    }

    /** Creation options for a new passkey of this user: a discoverable credential, the user's other passkeys excluded. */
    public Started startRegistration(String userId, String email, String displayName) {
        var mine = db.read(tx -> passkeys.listOf(tx, userId));
        String handle = mine.isEmpty() ? random(32) : mine.getFirst().userHandle();
        String challenge = random(32);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("challenge", challenge);
        options.put("rp", Map.of("id", rpId, "name", rpId));
        options.put("user", Map.of("id", handle, "name", email, "displayName", displayName.isBlank() ? email : displayName));
        options.put("pubKeyCredParams", ALGORITHMS.stream().map(a -> Map.of("type", "public-key", "alg", a.getAlg().getValue())).toList());
        options.put("timeout", CEREMONY.toMillis());
        options.put("attestation", "none");
        options.put("authenticatorSelection", Map.of("residentKey", "required", "requireResidentKey", true, "userVerification", "preferred"));
        options.put("excludeCredentials", descriptors(mine));
        return new Started(begin(Purpose.REGISTER, Optional.of(userId), Optional.of(handle), challenge), options);
    }

    /**
     * Verifies the browser's answer to {@link #startRegistration} and stores the passkey under {@code name}
     * (passkey.added); empty when the ceremony is unknown, spent, expired or another user's, or the answer does not verify.
     */
    public Optional<Listed> finishRegistration(String userId, String cookieValue, String credentialJson, String name, Actor actor) {
        var ceremony = take(cookieValue, Purpose.REGISTER).filter(c -> c.userId().equals(Optional.of(userId)));
        if (ceremony.isEmpty()) return Optional.empty();
        RegistrationData data;
        try {
            data = webAuthn.parseRegistrationResponseJSON(credentialJson);
            webAuthn.verify(data, new RegistrationParameters(server(ceremony.get().challenge()), ALGORITHMS, false, true));
        } catch (WebAuthnException | JacksonException | IllegalArgumentException | NullPointerException refused) {
            return Optional.empty();
        }
        var authenticatorData = data.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData attested = authenticatorData.getAttestedCredentialData();
        Instant now = clock.instant();
        var stored = new PasskeyRepository.Stored(ids.next(), userId, B64.encodeToString(attested.getCredentialId()),
                B64.encodeToString(converter.getCborConverter().writeValueAsBytes(attested.getCOSEKey())),
                attested.getAaguid().getValue().toString(), authenticatorData.getSignCount(), transports(data.getTransports()),
                ceremony.get().userHandle().orElseThrow(), cleanName(name), now, Optional.empty());
        boolean added = db.inTransaction(tx -> {
            if (!passkeys.insert(tx, stored)) return false;
            events.record(tx, EventDraft.of(EventType.PASSKEY_ADDED, actor).about("passkey", stored.id()).with("name", stored.name()));
            return true;
        });
        return added ? Optional.of(new Listed(stored.id(), stored.name(), now, Optional.empty())) : Optional.empty();
    }

    /** Request options for a usernameless sign-in: any discoverable passkey of this site, the person verified on the device. */
    public Started startSignIn() {
        String challenge = random(32);
        return new Started(begin(Purpose.SIGN_IN, Optional.empty(), Optional.empty(), challenge),
                requestOptions(challenge, List.of(), "required"));
    }

    /** The passkey that answered {@link #startSignIn}; empty when it does not verify (user verification is required). */
    public Optional<Verified> finishSignIn(String cookieValue, String credentialJson) {
        return take(cookieValue, Purpose.SIGN_IN).flatMap(c -> verify(c, credentialJson, Optional.empty(), true));
    }

    /** Request options for the second factor of {@code userId}'s pending login: only that user's passkeys. */
    public Started startSecondFactor(String userId) {
        String challenge = random(32);
        var mine = db.read(tx -> passkeys.listOf(tx, userId));
        return new Started(begin(Purpose.SECOND_FACTOR, Optional.of(userId), Optional.empty(), challenge),
                requestOptions(challenge, descriptors(mine), "preferred"));
    }

    /** The passkey of {@code userId} that answered {@link #startSecondFactor}; empty for another user's passkey or a bad answer. */
    public Optional<Verified> finishSecondFactor(String userId, String cookieValue, String credentialJson) {
        return take(cookieValue, Purpose.SECOND_FACTOR).filter(c -> c.userId().equals(Optional.of(userId)))
                .flatMap(c -> verify(c, credentialJson, Optional.of(userId), false));
    }

    /** Renames one of the user's passkeys; false when they have no passkey {@code id}. */
    public boolean rename(String userId, String id, String name) {
        return db.inTransaction(tx -> passkeys.rename(tx, userId, id, cleanName(name)));
    }

    /** Removes one of the user's passkeys (passkey.removed); false when they have no passkey {@code id}. */
    public boolean remove(String userId, String id, Actor actor) {
        return db.inTransaction(tx -> {
            var name = passkeys.listOf(tx, userId).stream().filter(p -> p.id().equals(id)).map(PasskeyRepository.Stored::name).findFirst();
            if (name.isEmpty() || !passkeys.delete(tx, userId, id)) return false;
            events.record(tx, EventDraft.of(EventType.PASSKEY_REMOVED, actor).about("passkey", id).with("name", name.get()));
            return true;
        });
    }

    /** A name as stored: trimmed, at most {@link #MAX_NAME} characters, "Passkey" when empty. */
    static String cleanName(String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) return "Passkey";
        return trimmed.length() <= MAX_NAME ? trimmed : trimmed.substring(0, MAX_NAME);
    }

    private Optional<Verified> verify(PasskeyCeremonyRepository.Stored ceremony, String json, Optional<String> expectedUser,
                                      boolean userVerificationRequired) {
        try {
            AuthenticationData data = webAuthn.parseAuthenticationResponseJSON(json);
            String credentialId = B64.encodeToString(data.getCredentialId());
            var stored = db.read(tx -> passkeys.findByCredentialId(tx, credentialId));
            if (stored.isEmpty() || expectedUser.filter(u -> !u.equals(stored.get().userId())).isPresent()) return Optional.empty();
            // WebAuthn §7.2 step 6: a returned user handle must be the credential owner's; a usernameless sign-in must return one.
            byte[] handle = data.getUserHandle();
            if (handle == null ? expectedUser.isEmpty() : !B64.encodeToString(handle).equals(stored.get().userHandle())) {
                return Optional.empty();
            }
            List<byte[]> allowed = expectedUser.isPresent() ? List.of(data.getCredentialId()) : null;
            // Also refuses a signature counter that did not go up (a cloned authenticator; WebAuthn §6.1.1).
            webAuthn.verify(data, new AuthenticationParameters(server(ceremony.challenge()), record(stored.get()), allowed,
                    userVerificationRequired, true));
            var flags = data.getAuthenticatorData();
            Instant now = clock.instant();
            if (!db.inTransaction(tx -> passkeys.use(tx, credentialId, flags.getSignCount(), now))) return Optional.empty();
            return Optional.of(new Verified(stored.get().userId(), stored.get().id(), flags.isFlagBE() ? "swk" : "hwk", flags.isFlagUV()));
        } catch (WebAuthnException | JacksonException | IllegalArgumentException | NullPointerException refused) {
            return Optional.empty();
        }
    }

    private CredentialRecordImpl record(PasskeyRepository.Stored p) {
        COSEKey key = converter.getCborConverter().readValue(UNB64.decode(p.publicKey()), COSEKey.class);
        var attested = new AttestedCredentialData(new AAGUID(p.aaguid()), UNB64.decode(p.credentialId()), key);
        Set<AuthenticatorTransport> transports = p.transports().stream().map(AuthenticatorTransport::create).collect(Collectors.toSet());
        return new CredentialRecordImpl(new NoneAttestationStatement(), null, null, null, p.signCount(), attested, null, null, null,
                transports);
    }

    private ServerProperty server(String challenge) {
        return new ServerProperty(origin, rpId, new DefaultChallenge(UNB64.decode(challenge)));
    }

    private Map<String, Object> requestOptions(String challenge, List<Map<String, Object>> allow, String userVerification) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("challenge", challenge);
        options.put("rpId", rpId);
        options.put("timeout", CEREMONY.toMillis());
        options.put("userVerification", userVerification);
        options.put("allowCredentials", allow);
        return options;
    }

    private static List<Map<String, Object>> descriptors(List<PasskeyRepository.Stored> passkeys) {
        return passkeys.stream().map(p -> Map.<String, Object>of("type", "public-key", "id", p.credentialId(), "transports", p.transports()))
                .toList();
    }

    private static List<String> transports(Set<AuthenticatorTransport> transports) {
        return transports == null ? List.of() : transports.stream().map(AuthenticatorTransport::getValue).sorted().toList();
    }

    private String begin(Purpose purpose, Optional<String> userId, Optional<String> userHandle, String challenge) {
        String cookieValue = random(32);
        Instant now = clock.instant();
        db.inTransaction(tx -> {
            ceremonies.deleteExpired(tx, now);
            ceremonies.insert(tx, SecretHash.of(cookieValue),
                    new PasskeyCeremonyRepository.Stored(purpose.wire(), userId, userHandle, challenge, now.plus(CEREMONY)));
            return null;
        });
        return cookieValue;
    }

    private Optional<PasskeyCeremonyRepository.Stored> take(String cookieValue, Purpose purpose) {
        if (cookieValue == null || !WELL_FORMED.matcher(cookieValue).matches()) return Optional.empty();
        return db.inTransaction(tx -> ceremonies.take(tx, SecretHash.of(cookieValue), clock.instant()))
                .filter(c -> c.purpose().equals(purpose.wire()));
    }

    private String random(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return B64.encodeToString(value);
    }
}
