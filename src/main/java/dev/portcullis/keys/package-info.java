/**
 * Signing keys: generation per algorithm, storage encrypted under the master key, rotation with
 * overlap, JWT signing and verification ({@link dev.portcullis.keys.KeyRing}). Domain only: the
 * JWKS endpoint that publishes the public keys is in discovery/.
 */
package dev.portcullis.keys;
