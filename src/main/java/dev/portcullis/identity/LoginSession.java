package dev.portcullis.identity;

import java.time.Instant;

/** A resolved, live login session: who, the CSRF token its forms carry, and when they logged in (OIDC auth_time). */
public record LoginSession(String userId, String csrfToken, Instant authTime) {}
