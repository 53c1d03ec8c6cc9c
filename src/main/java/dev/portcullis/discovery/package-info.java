/**
 * Discovery: the authorization server's metadata (OIDC Discovery, RFC 8414), the built-in API's
 * (RFC 9728), and the JWK Set its {@code jwks_uri} points to (RFC 7517 §5).
 */
package dev.portcullis.discovery;
