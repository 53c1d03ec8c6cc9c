/** Every presented string (opaque or JWT access token, refresh token, sk_ API key) becomes an active credential here, or none. */
package dev.portcullis.credentials;
