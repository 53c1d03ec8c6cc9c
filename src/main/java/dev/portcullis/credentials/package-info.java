/**
 * Every presented string (opaque or JWT access token, refresh token, sk_ API key) becomes an active
 * credential here, or none; with the one Authorization-header parser and the one invalidation hook
 * every writer calls. The tables' owners implement its look-up interfaces, so it holds no SQL.
 */
package dev.portcullis.credentials;
