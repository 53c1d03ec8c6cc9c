/** Workspace members of the built-in API ({@code /v2/workspace_members}): memberships joined with users. */
package dev.portcullis.api.members;
