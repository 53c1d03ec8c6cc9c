/**
 * People and tenants: users (Argon2id passwords), workspaces, memberships with roles, and the
 * login sessions behind the pages. {@link dev.portcullis.identity.IdentityService} is the entry point.
 */
package dev.portcullis.identity;
