/**
 * Client authentication (RFC 6749 §2.3): client secrets by Basic or form, none for public
 * clients, and signed assertions (private_key_jwt, RFC 7523 §2.2 and OIDC Core §9) with a
 * client's registered public keys, the checks an assertion must pass, and the jti store that
 * makes each assertion single-use across instances.
 */
package dev.portcullis.clientauth;
