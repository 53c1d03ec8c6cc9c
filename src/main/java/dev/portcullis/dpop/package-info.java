/**
 * DPoP (RFC 9449): proofs of possession checked at the token endpoint and at the resources,
 * server nonces, and the rule that a token bound to a key is only honoured with a proof by it.
 */
package dev.portcullis.dpop;
