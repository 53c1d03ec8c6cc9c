/** Token revocation (RFC 7009): a client revokes its own access or refresh tokens. */
package dev.portcullis.revoke;
