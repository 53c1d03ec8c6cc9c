package dev.portcullis.connections;

import java.time.Instant;
import java.util.List;

/** A connection as the account and workspace pages list it. */
public record ConnectionView(String id, String appName, String appId, String workspaceId, String workspaceName,
                             String userName, String userEmail, List<String> scopes, Instant connectedAt) {}
