/**
 * Clients that register themselves: RFC 7591 Dynamic Client Registration and RFC 7592 management,
 * Client ID Metadata Documents (an https client_id fetched with SSRF protection), and the sweep
 * of self-registered apps that were never used.
 */
package dev.portcullis.registration;
