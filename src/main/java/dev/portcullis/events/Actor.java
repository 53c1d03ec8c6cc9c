package dev.portcullis.events;

import java.util.Optional;

/**
 * Who did it: a signed-in user, an operator token, an API key, an OAuth client, or the server
 * itself (sweeps, the command line). {@code id} is the actor's stored id, never a secret; the
 * address and user agent are those of the HTTP request, when there was one.
 */
public record Actor(Kind kind, Optional<String> id, Optional<String> address, Optional<String> userAgent) {
    /** The longest user agent kept: enough to tell browsers and libraries apart, bounded for storage. */
    static final int MAX_USER_AGENT = 256;

    public enum Kind {
        USER("user"), OPERATOR("operator"), API_KEY("api_key"), CLIENT("client"), ANONYMOUS("anonymous"), SYSTEM("system");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        static Kind byWireName(String name) {
            for (Kind k : values()) if (k.wireName.equals(name)) return k;
            throw new IllegalArgumentException("unknown actor kind " + name);
        }
    }

    public Actor {
        userAgent = userAgent.map(Actor::clean).filter(ua -> !ua.isEmpty());
    }

    /** Where a request came from: its client address (see http/ClientAddress) and User-Agent. */
    public record Origin(Optional<String> address, Optional<String> userAgent) {
        public static final Origin NONE = new Origin(Optional.empty(), Optional.empty());

        public static Origin of(String address, String userAgent) {
            return new Origin(Optional.ofNullable(address), Optional.ofNullable(userAgent));
        }
    }

    public static Actor user(String userId, Origin origin) {
        return of(Kind.USER, userId, origin);
    }

    public static Actor operator(String operatorTokenId, Origin origin) {
        return of(Kind.OPERATOR, operatorTokenId, origin);
    }

    public static Actor apiKey(String apiKeyId, Origin origin) {
        return of(Kind.API_KEY, apiKeyId, origin);
    }

    public static Actor client(String clientId, Origin origin) {
        return of(Kind.CLIENT, clientId, origin);
    }

    /** Someone not (yet) known: a failed login for an unknown account, a self-registering client. */
    public static Actor anonymous(Origin origin) {
        return new Actor(Kind.ANONYMOUS, Optional.empty(), origin.address(), origin.userAgent());
    }

    /** The server itself, or the operator's command line on this machine. */
    public static Actor system() {
        return new Actor(Kind.SYSTEM, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static Actor of(Kind kind, String id, Origin origin) {
        return new Actor(kind, Optional.of(id), origin.address(), origin.userAgent());
    }

    /** Control characters out (log and page safety), and bounded. */
    private static String clean(String ua) {
        String printable = ua.codePoints().filter(c -> c >= 0x20 && c != 0x7f)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        return printable.length() <= MAX_USER_AGENT ? printable : printable.substring(0, MAX_USER_AGENT);
    }
}
