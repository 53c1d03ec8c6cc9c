/**
 * Signing keys: generation per algorithm, storage encrypted under the master key, rotation with
 * overlap, JWT signing and verification ({@link dev.portcullis.keys.KeyRing}) and the JWKS endpoint.
 */
package dev.portcullis.keys;
