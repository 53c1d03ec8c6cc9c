package dev.portcullis.authorize;

import static dev.portcullis.error.OAuthError.NotSupported.Parameter.REGISTRATION;

import dev.portcullis.apps.App;
import dev.portcullis.apps.ClientLookup;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.RedirectedError;
import dev.portcullis.oauth.ClientType;
import dev.portcullis.oauth.Pkce;
import dev.portcullis.oauth.ResponseMode;
import dev.portcullis.oauth.ResponseType;
import dev.portcullis.oauth.ValidatedRedirect;
import io.helidon.common.parameters.Parameters;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The authorization request's checks, in order. Only the client, a request object refused
 * without a registered redirect URI in the query, and the redirect URI fail to an error page:
 * until the client and its redirect URI are known good, redirecting anywhere would be an open
 * redirect. Every later failure goes back to the validated redirect URI with state and iss.
 */
public final class AuthorizeChecks {
    private static final int MAX_VALUE_LENGTH = 2000;
    private final ClientLookup apps;
    private final String issuer;
    private final Predicate<String> knownScope;
    private final Predicate<String> knownResource;
    private final RequestObjects requestObjects;
    private final PushedRequests pushed;
    private final boolean requirePar;
    /** RFC 6749 §2.3 and RFC 7523 §2.2: how the client authenticated at the PAR endpoint, not part of its request. */
    private static final Set<String> CLIENT_CREDENTIALS = Set.of("client_secret", "client_assertion", "client_assertion_type");

    public AuthorizeChecks(ClientLookup apps, String issuer, Predicate<String> knownScope, Predicate<String> knownResource,
                    RequestObjects requestObjects, PushedRequests pushed, boolean requirePar) {
        this.requestObjects = requestObjects;
        this.apps = apps;
        this.issuer = issuer;
        this.knownScope = knownScope;
        this.knownResource = knownResource;
        this.pushed = pushed;
        this.requirePar = requirePar;
    }

    record Checked(App app, ValidatedRedirect redirect, AuthorizeRequest request) {}

    Checked check(Parameters presented) {
        App app = checkClient(presented);
        Optional<Parameters> redeemed = redeemPushed(app, presented);
        Parameters query = redeemed.orElseGet(() -> requestObjects.resolve(app, presented, queryRedirect(app, presented)));
        return checkResolved(app, query, redeemed.isPresent());
    }

    /**
     * The PAR endpoint's checks (RFC 9126 §2.1) of a request pushed by the authenticated {@code app}:
     * those of /authorize, a request object resolved first. Answers the parameters to keep, without
     * the client's credentials. The endpoint renders every refusal as its JSON error, never a redirect.
     */
    public Map<String, List<String>> checkPushed(App app, Parameters presented) {
        if (presented.contains("request_uri")) throw page(invalid("request_uri must not be pushed (RFC 9126 §2.1)"));
        if (values(presented, "client_id").stream().anyMatch(id -> !id.equals(app.clientId()))) {
            throw page(invalid("client_id is not the authenticated client"));
        }
        Parameters resolved = requestObjects.resolve(app, presented, Optional.empty());
        Map<String, List<String>> kept = new LinkedHashMap<>();
        for (String name : resolved.names()) {
            if (!CLIENT_CREDENTIALS.contains(name)) kept.put(name, resolved.all(name));
        }
        kept.put("client_id", List.of(app.clientId()));
        Parameters query = Parameters.create("authorize", kept);
        // RFC 9126 §2.3: at PAR a bad redirect_uri is an invalid_request like any other parameter.
        if (queryRedirect(app, query).isEmpty()) {
            throw page(invalid("redirect_uri is missing, repeated or not registered for this app"));
        }
        checkResolved(app, query, true);
        return kept;
    }

    /** Every check after the client's, on the parameters in force; {@code pushed}: they came through PAR. */
    private Checked checkResolved(App app, Parameters query, boolean pushed) {
        ValidatedRedirect redirect = inResponseMode(query, checkRedirectUri(app, query));
        checkNoRepeats(query, redirect);
        if (!pushed && (requirePar || app.assurance().requirePar())) {
            throw fail(redirect, invalid("This app must push its authorization request to the PAR endpoint first (RFC 9126)"));
        }
        ResponseType type = checkResponseType(query, redirect);
        checkResponseMode(query, redirect, type);
        checkNotSupported(query, redirect);
        if (!app.mayUse(type.grant())) {
            throw fail(redirect, new OAuthError.UnauthorizedClient("This app may not use response_type=" + type.wireName()));
        }
        if (app.assurance().fapi2() && type != ResponseType.CODE) {
            throw fail(redirect, new OAuthError.UnsupportedResponseType("A FAPI 2.0 app uses response_type=code only"));
        }
        List<String> scopes = checkScope(app, query, redirect);
        Optional<String> challenge = type == ResponseType.CODE ? checkPkce(app, query, redirect) : Optional.empty();
        Set<Prompt> prompt = checkPrompt(query, redirect);
        Optional<String> resource = checkResource(query, redirect);
        Optional<Long> maxAge = checkMaxAge(query, redirect);
        Optional<String> loginHint = single(query, "login_hint").filter(h -> h.length() <= 254);
        Optional<String> nonce = single(query, "nonce");
        if (nonce.filter(n -> n.length() > 512).isPresent()) throw fail(redirect, invalid("nonce is too long"));
        if (type.carriesTokens()) checkImplicit(scopes, nonce, redirect);
        ClaimsParameters.Requested requested = ClaimsParameters.check(query, app, redirect);
        return new Checked(app, redirect, new AuthorizeRequest(app.clientId(), redirect.uri(), redirect.state(), scopes, nonce,
                challenge, prompt, resource, maxAge, loginHint, type, redirect.mode(), requested.claims(), requested.acrValues(),
                checkDpopJkt(query, redirect)));
    }

    /** RFC 9449 §10: dpop_jkt, the SHA-256 JWK thumbprint (RFC 7638) the code's token request must prove. */
    private static Optional<String> checkDpopJkt(Parameters query, ValidatedRedirect redirect) {
        Optional<String> jkt = single(query, "dpop_jkt");
        if (jkt.filter(j -> !j.matches("[A-Za-z0-9_-]{43}")).isPresent()) {
            throw fail(redirect, invalid("dpop_jkt must be a base64url SHA-256 JWK thumbprint"));
        }
        return jkt;
    }

    /**
     * RFC 9126 §4: a request_uri from the PAR endpoint stands for the pushed request, and only its
     * parameters count; the rest of the query is ignored. Unknown, used, expired, or pushed by
     * another client: an error page, since no redirect URI can be trusted yet.
     */
    private Optional<Parameters> redeemPushed(App app, Parameters presented) {
        List<String> uris = values(presented, "request_uri");
        if (uris.size() != 1 || !PushedRequests.isPushed(uris.getFirst())) return Optional.empty();
        return Optional.of(pushed.redeem(app.clientId(), uris.getFirst()).map(p -> Parameters.create("authorize", p))
                .orElseThrow(() -> page(new OAuthError.InvalidRequestUri(
                        "request_uri is unknown, has expired, was already used, or was pushed by another client"))));
    }

    private App checkClient(Parameters query) {
        List<String> ids = values(query, "client_id");
        if (ids.size() != 1 || ids.getFirst().isEmpty()) throw page(new OAuthError.InvalidClient("client_id is missing or repeated", false));
        return apps.find(ids.getFirst()).filter(App::oauthEnabled)
                .orElseThrow(() -> page(new OAuthError.InvalidClient("Unknown client_id, or the app has OAuth turned off", false)));
    }

    /**
     * Where a refused request object is reported: the query's own redirect_uri when the client
     * registered it (the object's own redirect_uri cannot be trusted until the object is), with
     * the query's state and response mode. Empty means an error page.
     */
    private Optional<ValidatedRedirect> queryRedirect(App app, Parameters query) {
        List<String> uris = values(query, "redirect_uri");
        if (uris.size() != 1) return Optional.empty();
        return ValidatedRedirect.of(uris.getFirst(), app.redirectUris(), state(query), issuer)
                .map(r -> inResponseMode(query, r));
    }

    private ValidatedRedirect checkRedirectUri(App app, Parameters query) {
        List<String> uris = values(query, "redirect_uri");
        if (uris.size() != 1) throw page(new OAuthError.InvalidRedirectUri("redirect_uri is missing or repeated"));
        return ValidatedRedirect.of(uris.getFirst(), app.redirectUris(), state(query), issuer)
                .orElseThrow(() -> page(new OAuthError.InvalidRedirectUri("redirect_uri is not registered for this app")));
    }

    private static Optional<String> state(Parameters query) {
        List<String> states = values(query, "state");
        return states.size() == 1 ? Optional.of(states.getFirst()).filter(s -> !s.isEmpty()) : Optional.empty();
    }

    /** RFC 6749 §3.1: parameters must not be included more than once. */
    private static void checkNoRepeats(Parameters query, ValidatedRedirect redirect) {
        for (String name : query.names()) {
            if (query.all(name).size() > 1) throw fail(redirect, invalid("Parameter " + name + " is repeated"));
            if (query.all(name).stream().anyMatch(v -> v.length() > MAX_VALUE_LENGTH)) {
                throw fail(redirect, invalid("Parameter " + name + " is too long"));
            }
        }
    }

    /**
     * Errors from here on go back in the response mode the request asked for, or its response
     * type's default; never in a query string when the response type carries tokens.
     */
    private static ValidatedRedirect inResponseMode(Parameters query, ValidatedRedirect redirect) {
        Optional<ResponseType> type = single(query, "response_type").flatMap(ResponseType::fromWire);
        ResponseMode fallback = type.map(ResponseType::defaultMode).orElse(ResponseMode.QUERY);
        ResponseMode mode = single(query, "response_mode").flatMap(ResponseMode::fromWire).orElse(fallback);
        boolean leaksTokens = mode == ResponseMode.QUERY && type.filter(ResponseType::carriesTokens).isPresent();
        return redirect.in(leaksTokens ? fallback : mode);
    }

    private static ResponseType checkResponseType(Parameters query, ValidatedRedirect redirect) {
        String type = single(query, "response_type").orElseThrow(() -> fail(redirect, invalid("response_type is required")));
        return ResponseType.fromWire(type).orElseThrow(() -> fail(redirect, new OAuthError.UnsupportedResponseType(
                "response_type must be code, id_token or id_token token")));
    }

    /**
     * OIDC Core §3.2.2.1: the implicit response types are OpenID requests, and their ID token
     * travels through the browser, so a nonce is required to stop its replay.
     */
    private static void checkImplicit(List<String> scopes, Optional<String> nonce, ValidatedRedirect redirect) {
        if (!scopes.contains("openid")) throw fail(redirect, new OAuthError.InvalidScope("response_type with id_token needs the openid scope"));
        if (nonce.isEmpty()) throw fail(redirect, invalid("nonce is required for the implicit flow"));
    }

    /** Multiple Response Type Encoding Practices §2.1: tokens must not travel in a query string. */
    private static void checkResponseMode(Parameters query, ValidatedRedirect redirect, ResponseType type) {
        Optional<String> mode = single(query, "response_mode");
        if (mode.isEmpty()) return;
        ResponseMode known = ResponseMode.fromWire(mode.get())
                .orElseThrow(() -> fail(redirect, invalid("response_mode must be query, fragment or form_post")));
        if (known == ResponseMode.QUERY && type.carriesTokens()) {
            throw fail(redirect, invalid("response_mode=query cannot carry the tokens of response_type=" + type.wireName()));
        }
    }

    private List<String> checkScope(App app, Parameters query, ValidatedRedirect redirect) {
        List<String> scopes = single(query, "scope")
                .map(s -> Arrays.stream(s.trim().split(" +")).filter(w -> !w.isEmpty()).distinct().toList())
                .orElse(app.scopes());
        List<String> refused = scopes.stream().filter(s -> !knownScope.test(s) || !app.scopes().contains(s)).toList();
        if (!refused.isEmpty()) throw fail(redirect, new OAuthError.InvalidScope("Scope not allowed: " + String.join(" ", refused)));
        if (scopes.isEmpty()) throw fail(redirect, new OAuthError.InvalidScope("No scope requested and the app has none"));
        return scopes;
    }

    private static Optional<String> checkPkce(App app, Parameters query, ValidatedRedirect redirect) {
        Optional<String> challenge = single(query, "code_challenge");
        Optional<String> method = single(query, "code_challenge_method");
        if (challenge.isEmpty()) {
            if (method.isPresent()) throw fail(redirect, invalid("code_challenge_method without code_challenge"));
            if (app.clientType() == ClientType.PUBLIC) throw fail(redirect, invalid("code_challenge is required for public clients (PKCE)"));
            // FAPI 2.0 Security Profile §5.3.1.2: PKCE with S256 for every client.
            if (app.assurance().fapi2()) throw fail(redirect, invalid("code_challenge is required for FAPI 2.0 apps (PKCE S256)"));
            return Optional.empty();
        }
        if (!method.equals(Optional.of("S256"))) throw fail(redirect, invalid("code_challenge_method must be S256"));
        if (!Pkce.isValidChallenge(challenge.get())) throw fail(redirect, invalid("code_challenge is malformed"));
        return challenge;
    }

    /**
     * A parameter that would change the request's meaning if honoured, so ignoring it is wrong:
     * say it is not supported (OIDC Core §7.2.1); request objects were resolved before.
     */
    private static void checkNotSupported(Parameters query, ValidatedRedirect redirect) {
        if (query.contains("registration")) {
            throw fail(redirect, notSupported(REGISTRATION, "Use dynamic client registration instead of the registration parameter"));
        }
    }

    private static OAuthError notSupported(OAuthError.NotSupported.Parameter parameter, String description) {
        return new OAuthError.NotSupported(parameter, description);
    }

    private static Set<Prompt> checkPrompt(Parameters query, ValidatedRedirect redirect) {
        Set<Prompt> prompts = EnumSet.noneOf(Prompt.class);
        for (String value : single(query, "prompt").map(p -> p.trim().split(" +")).orElse(new String[0])) {
            if (value.isEmpty()) continue;
            try {
                prompts.add(Prompt.valueOf(value.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw fail(redirect, invalid("Unsupported prompt value: " + value));
            }
        }
        if (prompts.contains(Prompt.NONE) && prompts.size() > 1) throw fail(redirect, invalid("prompt=none cannot be combined"));
        return prompts;
    }

    /** OIDC Core §3.1.2.1: seconds since the user last actively logged in; older sessions log in again. */
    private static Optional<Long> checkMaxAge(Parameters query, ValidatedRedirect redirect) {
        Optional<String> raw = single(query, "max_age");
        if (raw.isEmpty()) return Optional.empty();
        if (!raw.get().matches("\\d{1,10}")) throw fail(redirect, invalid("max_age must be a whole number of seconds"));
        return Optional.of(Long.parseLong(raw.get()));
    }

    /** RFC 8707 §2: an absolute URI without a fragment, naming a resource this server issues tokens for. */
    private Optional<String> checkResource(Parameters query, ValidatedRedirect redirect) {
        Optional<String> resource = single(query, "resource");
        if (resource.isEmpty()) return resource;
        try {
            URI uri = new URI(resource.get());
            if (!uri.isAbsolute() || uri.getRawFragment() != null) throw fail(redirect, new OAuthError.InvalidTarget("resource must be an absolute URI without a fragment"));
        } catch (URISyntaxException e) {
            throw fail(redirect, new OAuthError.InvalidTarget("resource is not a valid URI"));
        }
        if (!knownResource.test(resource.get())) throw fail(redirect, new OAuthError.InvalidTarget("Unknown resource"));
        return resource;
    }

    private static Optional<String> single(Parameters query, String name) {
        List<String> all = values(query, name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getFirst()).filter(v -> !v.isEmpty());
    }

    /** Helidon's {@code all} throws for an absent name; absent means no values here. */
    private static List<String> values(Parameters query, String name) {
        return query.contains(name) ? query.all(name) : List.of();
    }

    private static OAuthError invalid(String description) {
        return new OAuthError.InvalidRequest(description);
    }

    static OAuthException fail(ValidatedRedirect redirect, OAuthError error) {
        return RedirectedError.to(redirect, error);
    }

    private static OAuthException page(OAuthError error) {
        return new OAuthException(error);
    }
}
