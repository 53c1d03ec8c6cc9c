/**
 * Turning a presented string into an active credential ({@link dev.portcullis.introspect.CredentialResolver}),
 * and describing it the way introspection does (RFC 7662).
 */
package dev.portcullis.introspect;
