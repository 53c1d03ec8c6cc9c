package dev.portcullis.support;

import dev.portcullis.secrets.Ids;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.storage.Database;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * Workspaces, members and API keys inserted straight into the tables, with real minted
 * {@code sk_} tokens, until the API-key service exists to create them.
 */
public final class ApiKeyFixture {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Ids IDS = new Ids(RANDOM);

    /** A workspace with one admin: {@code adminUserId} and their membership {@code adminMemberId}. */
    public record Workspace(String id, String slug, String name, String adminUserId, String adminMemberId) {}

    public record Key(String id, String secret, String workspaceId) {
        public SecretHash hash() {
            return SecretHash.of(secret);
        }
    }

    private final Database database;

    public ApiKeyFixture(Database database) {
        this.database = database;
    }

    public Workspace workspace(String slug) {
        String id = IDS.next();
        String name = "Workspace " + slug;
        database.inTransaction(tx -> tx.update(
                "INSERT INTO workspaces (id, slug, name, logo_url, created_at) VALUES (?, ?, ?, ?, ?)",
                id, slug, name, "https://example.com/" + slug + ".png", Instant.now()));
        String userId = user(slug + "-admin@example.com", "Ada Admin");
        String memberId = member(id, userId, "admin");
        return new Workspace(id, slug, name, userId, memberId);
    }

    public String user(String email, String name) {
        String id = IDS.next();
        database.inTransaction(tx -> tx.update(
                "INSERT INTO users (id, email, email_lower, name, password_hash, email_verified, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                id, email, email.toLowerCase(), name, "not-a-real-hash", true, Instant.now()));
        return id;
    }

    public String member(String workspaceId, String userId, String role) {
        String id = IDS.next();
        database.inTransaction(tx -> tx.update(
                "INSERT INTO memberships (id, workspace_id, user_id, role, created_at) VALUES (?, ?, ?, ?, ?)",
                id, workspaceId, userId, role, Instant.now()));
        return id;
    }

    public Key apiKey(Workspace workspace, String scopes) {
        return apiKey(workspace, scopes, null);
    }

    public Key apiKey(Workspace workspace, String scopes, Instant expiresAt) {
        Token token = Token.mint(TokenKind.API_KEY, RANDOM);
        String id = IDS.next();
        database.inTransaction(tx -> tx.update("""
                INSERT INTO api_keys (id, workspace_id, name, scopes, key_hash, hint, created_by_user_id, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                id, workspace.id(), "test key " + id, scopes, token.hash().hex(), token.hint(), workspace.adminUserId(),
                Instant.now(), expiresAt));
        return new Key(id, token.value(), workspace.id());
    }

    public void delete(Key key) {
        database.inTransaction(tx -> tx.update("DELETE FROM api_keys WHERE id = ?", key.id()));
    }

    public void setScopes(Key key, String scopes) {
        database.inTransaction(tx -> tx.update("UPDATE api_keys SET scopes = ? WHERE id = ?", scopes, key.id()));
    }
}
