package dev.portcullis.support;

/** The two databases every storage and server test runs on. */
public enum Db {
    SQLITE,
    POSTGRES
}
