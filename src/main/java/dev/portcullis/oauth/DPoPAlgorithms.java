package dev.portcullis.oauth;

import java.util.List;

/**
 * The JWS algorithms a DPoP proof may be signed with (RFC 9449 §4.3): asymmetric only, as a proof
 * must carry its public key. Published in discovery and in every DPoP challenge's {@code algs}.
 */
public final class DPoPAlgorithms {
    public static final List<String> NAMES = List.of("ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "RS256", "RS384",
            "RS512", "EdDSA");

    private DPoPAlgorithms() {}
}
