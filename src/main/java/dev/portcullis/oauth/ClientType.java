package dev.portcullis.oauth;

/** RFC 6749 §2.1: a confidential client can keep a secret; a public one cannot and must use PKCE. */
public enum ClientType {
    CONFIDENTIAL("confidential"),
    PUBLIC("public");

    private final String wireName;

    ClientType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static ClientType fromWire(String name) {
        return PUBLIC.wireName.equals(name) ? PUBLIC : CONFIDENTIAL;
    }
}
