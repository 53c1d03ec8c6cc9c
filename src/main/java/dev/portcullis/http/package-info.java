/** The HTTP adapter over Helidon: server, request parameters, JSON replies, security headers, request log. */
package dev.portcullis.http;
