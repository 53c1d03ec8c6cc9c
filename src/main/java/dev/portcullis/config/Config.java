package dev.portcullis.config;

import dev.portcullis.storage.Storage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The whole configuration, immutable; built only by {@link ConfigLoader}. */
public record Config(Server server, Storage storage, Sessions sessions, Tokens tokens, Keys keys,
                     Limits limits, Registration registration, Optional<Path> scopesFile, boolean demo, Login login,
                     Device device,
                     Dpop dpop, Events events, Mail mail) {

    public Config {
        // Checked here rather than in the loader, so a configuration given other storage is checked too.
        if (limits.store().orElse(null) == RateLimitStore.DATABASE && !storage.isPostgres()) {
            throw new ConfigException(Setting.RATE_LIMIT_STORE.env() + "=database needs PostgreSQL (a jdbc:postgresql: "
                    + Setting.DATABASE_URL.env() + "); use local with SQLite");
        }
    }

    /** Where rate-limit counters live: as configured, else shared in the database when it is PostgreSQL. */
    public RateLimitStore rateLimitStore() {
        return limits.store().orElse(storage.isPostgres() ? RateLimitStore.DATABASE : RateLimitStore.LOCAL);
    }

    /**
     * {@code trustedProxies}: peers whose X-Forwarded-For is believed (load balancers).
     * {@code headerTimeout}: from a request's first byte to the end of its headers; {@code bodyTimeout}: the longest
     * silence within a body. {@code metricsToken}: the bearer token /metrics needs, when set.
     */
    public record Server(String host, int port, URI issuer, long maxRequestBytes, List<AddressRange> trustedProxies,
                         Duration headerTimeout, Duration bodyTimeout, Optional<String> metricsToken) {
        public Server {
            trustedProxies = List.copyOf(trustedProxies);
        }

        /** With the default time-outs and an open /metrics. */
        public Server(String host, int port, URI issuer, long maxRequestBytes, List<AddressRange> trustedProxies) {
            this(host, port, issuer, maxRequestBytes, trustedProxies,
                    Duration.ofSeconds(Long.parseLong(Setting.HEADER_TIMEOUT_SECONDS.defaultValue())),
                    Duration.ofSeconds(Long.parseLong(Setting.BODY_TIMEOUT_SECONDS.defaultValue())), Optional.empty());
        }

        /** Served over TLS as far as browsers know (HSTS, Secure and __Host- cookies), even behind a TLS-ending proxy. */
        public boolean https() {
            return "https".equalsIgnoreCase(issuer.getScheme());
        }
    }

    public record Sessions(Duration idle, Duration absolute) {}

    /** {@code requirePar}: every app's authorization requests must be pushed first (RFC 9126 §5). */
    public record Tokens(Duration accessTtl, Duration refreshIdle, Duration refreshAbsolute, Duration codeTtl,
                         Duration secretGrace, boolean requirePar) {}

    /** {@code masterKey} empty means: use (and create) the key file in the data directory. */
    public record Keys(String algorithm, Duration rotation, Optional<String> masterKey) {}

    /** {@code store} empty: follow the database (see {@link #rateLimitStore()}). */
    public record Limits(int readsPerSecond, int writesPerSecond, int tokenPerSecond, int loginAttemptsPerMinute,
                         int registrationsPerHour, int signupsPerHour, Optional<RateLimitStore> store) {}

    /** LOCAL: each instance counts alone. DATABASE: one count in PostgreSQL for every instance. */
    public enum RateLimitStore { LOCAL, DATABASE }

    public enum RegistrationPolicy { OPEN, TOKEN, OFF }

    /**
     * {@code documentsAllowPrivate}: Client ID Metadata Documents may be fetched over http from private addresses (development).
     * {@code allowImplicit}: self-registered clients may ask for the implicit grant (RFC 9700 §2.1.2 advises against it).
     */
    public record Registration(RegistrationPolicy policy, Optional<String> initialToken, Duration unusedAfter,
                               boolean documentsAllowPrivate, boolean allowImplicit) {}

    /**
     * Who decides who the user is: {@code externalLoginUri} is the SaaS's own login page (externallogin/),
     * {@code passwordLogin} Portcullis's own login and sign-up. Defaults only: the database may override both.
     */
    public record Login(Optional<URI> externalLoginUri, boolean passwordLogin) {}

    /**
     * RFC 8628: {@code codeTtl} how long a device authorization lives, {@code interval} the least
     * time between polls, {@code userCodeAttemptsPerMinute} wrong user codes per address and per account.
     */
    public record Device(Duration codeTtl, Duration interval, int userCodeAttemptsPerMinute) {}

    /** DPoP (RFC 9449): where proofs need a server nonce, and how far a proof's iat may stray from now. */
    public record Dpop(DpopNonces nonces, Duration proofWindow) {}

    /** RFC 9449 §8 and §9: OFF, TOKEN (the token endpoint only), ALL (the token endpoint and the resources). */
    public enum DpopNonces { OFF, TOKEN, ALL }

    /**
     * The audit log and webhooks: {@code retention} how long events are kept; {@code webhooksAllowPrivate}
     * webhook targets may be http and on private or loopback addresses (development only);
     * {@code webhookRetries} the waits before each retry of a failed delivery; {@code webhookTimeout} of one attempt;
     * {@code skippedTypes} wire names of event types neither stored nor sent (checked against the types at start).
     */
    public record Events(Duration retention, boolean webhooksAllowPrivate, List<Duration> webhookRetries, Duration webhookTimeout,
                         Set<String> skippedTypes) {
        public Events {
            webhookRetries = List.copyOf(webhookRetries);
            skippedTypes = Set.copyOf(skippedTypes);
        }
    }

    /**
     * Account mail (mail/, docs/account-security.md): {@code smtp} empty is development mode (mail to
     * the log and a folder); {@code from} the sender; {@code requireVerifiedEmail} /authorize waits for
     * a verified address; {@code resetsPerHour} reset and verification mails per account.
     */
    public record Mail(Optional<Smtp> smtp, String from, boolean requireVerifiedEmail, int resetsPerHour) {}

    /** An SMTP relay; {@code username} empty means no authentication. */
    public record Smtp(String host, int port, SmtpTls tls, Optional<String> username, Optional<String> password) {
        @Override
        public String toString() {
            return "Smtp[" + host + ":" + port + ", " + tls + ", user " + username.orElse("none") + "]";
        }
    }

    /** STARTTLS is required when chosen (never a silent fall-back to plain text); TLS is implicit TLS (RFC 8314). */
    public enum SmtpTls { NONE, STARTTLS, TLS }

    public Config withMail(Mail mail) {
        return new Config(server, storage, sessions, tokens, keys, limits, registration, scopesFile, demo, login, device, dpop, events, mail);
    }

    public Config withServer(Server server) {
        return new Config(server, storage, sessions, tokens, keys, limits, registration, scopesFile, demo, login, device, dpop, events, mail);
    }

    public Config withStorage(Storage storage) {
        return new Config(server, storage, sessions, tokens, keys, limits, registration, scopesFile, demo, login, device, dpop, events, mail);
    }

    public Config withEvents(Events events) {
        return new Config(server, storage, sessions, tokens, keys, limits, registration, scopesFile, demo, login, device, dpop, events, mail);
    }

    public Config withDpop(Dpop dpop) {
        return new Config(server, storage, sessions, tokens, keys, limits, registration, scopesFile, demo, login, device, dpop, events, mail);
    }
}
