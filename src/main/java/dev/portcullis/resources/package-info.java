/**
 * Protected resources (RFC 8707, RFC 9728): the APIs besides the built-in {@code /v2} that tokens
 * may be issued for, registered by the operator with a URI, a name and the scopes they accept.
 */
package dev.portcullis.resources;
