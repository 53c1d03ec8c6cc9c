/**
 * Client authentication by signed assertion (private_key_jwt, RFC 7523 §2.2 and OIDC Core §9):
 * a client's registered public keys, the checks an assertion must pass, and the jti store that
 * makes each assertion single-use across instances.
 */
package dev.portcullis.clientauth;
