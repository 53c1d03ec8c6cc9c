/**
 * Upstream OpenID providers ("Sign in with ..."): their configuration, the authorization code
 * flow to them (PKCE, state, nonce), ID token validation with the Nimbus OIDC SDK, and the rule
 * that links an upstream (issuer, sub) to a Portcullis user.
 */
package dev.portcullis.federation;
