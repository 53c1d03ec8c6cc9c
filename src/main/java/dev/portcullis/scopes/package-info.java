/** Scope names: the one syntax rule (RFC 6749 §3.3), the catalogue, the checks, and the scopes only a user can grant. */
package dev.portcullis.scopes;
