package dev.portcullis.identity;

/** A user's place in a workspace. Its id is the "workspace member id" tokens report. */
public record Membership(String id, String workspaceId, String userId, Role role) {}
