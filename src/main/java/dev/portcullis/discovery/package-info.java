/** Discovery: the authorization server's metadata (OIDC Discovery, RFC 8414) and the built-in API's (RFC 9728). */
package dev.portcullis.discovery;
