package dev.portcullis.authorize;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A fully validated authorization request (RFC 6749 §4.1.1 + PKCE + OIDC + RFC 8707). */
record AuthorizeRequest(
        String clientId,
        String redirectUri,
        Optional<String> state,
        List<String> scopes,
        Optional<String> nonce,
        Optional<String> codeChallenge,
        Set<Prompt> prompt,
        Optional<String> resource) {

    boolean has(Prompt p) {
        return prompt.contains(p);
    }
}
