/** Workspace pages: list and create workspaces; admins manage members. Non-members get 404. */
package dev.portcullis.web.workspaces;
