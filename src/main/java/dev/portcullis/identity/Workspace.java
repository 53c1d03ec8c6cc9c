package dev.portcullis.identity;

import java.time.Instant;
import java.util.Optional;

/** A tenant; tokens and API keys are bound to one. */
public record Workspace(String id, String slug, String name, Optional<String> logoUrl, Instant createdAt) {}
