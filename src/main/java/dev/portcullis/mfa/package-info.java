/**
 * Second factors: TOTP (RFC 6238) with one-time recovery codes, passkeys (WebAuthn, verified by
 * webauthn4j; a first factor too), and the half-done login that waits for one after the password.
 * Rules and storage only; the pages are in web/login and web/account.
 */
package dev.portcullis.mfa;
