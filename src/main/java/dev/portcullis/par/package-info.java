/**
 * Pushed authorization requests (RFC 9126): the PAR endpoint checks a client's authorization
 * request as /authorize would, keeps it under a one-time request_uri, and redeems it for /authorize.
 */
package dev.portcullis.par;
