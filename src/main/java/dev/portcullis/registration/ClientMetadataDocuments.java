package dev.portcullis.registration;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.portcullis.apps.App;
import dev.portcullis.apps.AppService;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.apps.SelfRegisteredApps;
import dev.portcullis.config.Config;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.Json;
import dev.portcullis.scopes.ScopeCatalog;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Client ID Metadata Documents (draft-ietf-oauth-client-id-metadata-document, as the MCP
 * authorization spec uses them): a client_id that is an https URL names a JSON document that
 * describes the client, with a {@code client_id} equal to that URL. Such a client is public (PKCE,
 * no secret).
 *
 * <p>The document is fetched with SSRF protection ({@link DocumentFetcher}): the host must resolve
 * only to public addresses and the connection goes to the address that was checked, no proxy, no
 * redirects, a 5 s deadline and a 5 KB cap. Outcomes are cached
 * per the response's Cache-Control within [1 min, 24 h]; refusals for a minute, so a bad URL cannot
 * make this server fetch on every request.
 *
 * <p>An accepted client is stored as a self-registered app whose id is the URL (codes, tokens and
 * connections reference apps), refreshed when its document changes, and deleted by the unused-app
 * sweep if it never gets a token.
 */
public final class ClientMetadataDocuments implements AutoCloseable {
    static final int MAX_BYTES = 5 * 1024;
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final Duration MIN_TTL = Duration.ofMinutes(1);
    static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    static final Duration MAX_TTL = Duration.ofHours(24);
    static final Duration REFUSED_TTL = Duration.ofMinutes(1);
    private static final Pattern MAX_AGE = Pattern.compile("(?:^|,)\\s*max-age\\s*=\\s*\"?(\\d{1,10})\"?\\s*(?:,|$)");
    /** The characters a stored client_id may have; a query or percent-encoding is refused. */
    private static final Pattern URL_CHARS = Pattern.compile("[A-Za-z0-9._~:/-]{1,200}");

    /** What fetching a document led to; each kept for its own time. */
    sealed interface Outcome {
        Duration ttl();
    }

    record Accepted(AppSettings settings, Duration ttl) implements Outcome {}

    record Refused(String reason, Duration ttl) implements Outcome {}

    /** A reason to refuse a document, thrown inside {@link #fetch} only. */
    private static final class Refusal extends RuntimeException {
        Refusal(String reason) {
            super(reason, null, false, false);
        }
    }

    private final AppService apps;
    private final SelfRegisteredApps registered;
    private final ClientMetadata metadata;
    private final boolean allowPrivate;
    private final boolean accepted;
    private final ExecutorService fetchers = Executors.newVirtualThreadPerTaskExecutor();
    private final DocumentFetcher fetcher;
    private final AsyncCache<String, Outcome> outcomes;

    public ClientMetadataDocuments(AppService apps, SelfRegisteredApps registered, ScopeCatalog scopes, Config config, Clock clock) {
        this.apps = apps;
        this.registered = registered;
        this.metadata = new ClientMetadata(scopes, config.keys().algorithm(), config.registration().allowImplicit());
        this.allowPrivate = config.registration().documentsAllowPrivate();
        this.fetcher = new DocumentFetcher(allowPrivate, MAX_BYTES, TIMEOUT, fetchers);
        this.accepted = acceptsDocuments(config);
        this.outcomes = Caffeine.newBuilder()
                .maximumSize(10_000)
                .executor(fetchers)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(Expiry.creating((String url, Outcome outcome) -> outcome.ttl()))
                .buildAsync();
    }

    /**
     * A metadata document is self-registration without asking: accepted only while registration is
     * open. With {@code token} or {@code off} the operator decides who may be a client.
     */
    public static boolean acceptsDocuments(Config config) {
        return config.registration().policy() == Config.RegistrationPolicy.OPEN;
    }

    /** Whether {@code clientId} names a metadata document rather than a registered app. */
    public static boolean isDocumentUrl(String clientId) {
        return clientId != null && (clientId.startsWith("https://") || clientId.startsWith("http://"));
    }

    /**
     * The client a metadata-document client_id names, stored and current; empty when
     * {@code clientId} is not a URL (look it up as a registered app). An app an operator imported
     * under that id wins without a fetch. A refused document is {@code invalid_client} whose
     * description says why.
     */
    public Optional<App> resolve(String clientId) {
        if (!isDocumentUrl(clientId)) return Optional.empty();
        Optional<App> stored = apps.find(clientId);
        if (stored.isPresent() && !stored.get().selfRegistered()) return stored;
        if (!accepted) {
            throw new OAuthException(new OAuthError.InvalidClient(
                    "This server does not accept client metadata documents (registration is not open)", false));
        }
        Outcome outcome = outcomes.get(clientId, (url, executor) -> CompletableFuture.supplyAsync(() -> fetch(url), fetchers))
                .join();
        return switch (outcome) {
            case Accepted accepted -> Optional.of(registered.saveDocumentClient(clientId, accepted.settings()));
            case Refused refused -> throw new OAuthException(new OAuthError.InvalidClient(
                    "Client metadata document refused: " + refused.reason(), false));
        };
    }

    /**
     * The client a presented client_id names, for the authorization and token endpoints: a
     * metadata document's ({@link #resolve}, which may throw invalid_client) or a registered app.
     */
    public Optional<App> findClient(String clientId) {
        return isDocumentUrl(clientId) ? resolve(clientId) : apps.findClient(clientId);
    }

    /** Never throws: every failure becomes a {@link Refused} with a reason fit for the client. */
    Outcome fetch(String url) {
        try {
            URI uri = checkUrl(url);
            DocumentFetcher.Document response = fetcher.get(uri);
            JsonNode doc = Json.MAPPER.readTree(response.body());
            if (doc == null || !doc.isObject()) throw new Refusal("it is not a JSON object");
            if (!url.equals(doc.path("client_id").asText(null))) {
                throw new Refusal("its client_id is not exactly the URL it was fetched from");
            }
            AppSettings settings = metadata.settings(doc, ClientMetadata.Source.DOCUMENT, uri.getHost());
            return new Accepted(settings, ttl(response.cacheControl()));
        } catch (Refusal | DocumentFetcher.Failure e) {
            return new Refused(e.getMessage(), REFUSED_TTL);
        } catch (OAuthException e) {
            return new Refused(e.error().description(), REFUSED_TTL);
        } catch (JacksonException e) {
            return new Refused("it is not valid JSON", REFUSED_TTL);
        } catch (IOException e) {
            return new Refused("it could not be read", REFUSED_TTL);
        }
    }

    /** draft §3: https, a path, no fragment, credentials or dot segments; here also no query (not part of stored ids). */
    private URI checkUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Refusal("the client_id is not a valid URL");
        }
        boolean https = "https".equals(uri.getScheme());
        if (!https && !(allowPrivate && "http".equals(uri.getScheme()))) throw new Refusal("the client_id URL must use https");
        if (uri.getHost() == null || uri.getRawUserInfo() != null) throw new Refusal("the client_id URL must name a host, without credentials");
        if (!URL_CHARS.matcher(url).matches()) {
            throw new Refusal("the client_id URL must be at most 200 characters, without query, fragment or percent-encoding");
        }
        String path = uri.getRawPath();
        if (path == null || path.length() < 2 || path.contains("/./") || path.contains("/../")
                || path.endsWith("/.") || path.endsWith("/..")) {
            throw new Refusal("the client_id URL must have a path without dot segments");
        }
        return uri;
    }

    /** RFC 9111 §5.2.2: max-age, within bounds; no-store and no-cache get the minimum, no header the default. */
    static Duration ttl(List<String> cacheControlHeaders) {
        String cacheControl = String.join(",", cacheControlHeaders).toLowerCase(Locale.ROOT);
        if (cacheControl.contains("no-store") || cacheControl.contains("no-cache")) return MIN_TTL;
        Matcher maxAge = MAX_AGE.matcher(cacheControl);
        if (!maxAge.find()) return DEFAULT_TTL;
        Duration given = Duration.ofSeconds(Long.parseLong(maxAge.group(1)));
        return given.compareTo(MIN_TTL) < 0 ? MIN_TTL : given.compareTo(MAX_TTL) > 0 ? MAX_TTL : given;
    }

    @Override
    public void close() {
        fetcher.close();
        fetchers.shutdownNow();
    }
}
