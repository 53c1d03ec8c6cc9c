package dev.portcullis.apps;

/** Opaque (a prefixed random string, the default) or a signed JWT (RFC 9068). */
public enum AccessTokenFormat {
    OPAQUE, JWT;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
