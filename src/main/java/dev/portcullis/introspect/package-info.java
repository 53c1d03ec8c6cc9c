/** Describing an active credential the way introspection does (RFC 7662), at the introspection endpoint. */
package dev.portcullis.introspect;
