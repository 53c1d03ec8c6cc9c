package dev.portcullis.identity;

import java.time.Instant;

/** A person who logs in. The password hash never leaves the repository in this record. */
public record User(String id, String email, String name, boolean emailVerified, Instant createdAt) {}
