/** Secret-bearing values: the token format (prefix, 256 random bits, checksum), their hashes, and password hashing. */
package dev.portcullis.secrets;
