/**
 * {@code /workspaces/{slug}/api-keys}: a workspace's admins create, rename, re-scope and revoke its
 * {@code sk_} API keys. A member who is not an admin gets 403, anyone else 404.
 */
package dev.portcullis.web.apikeys;
