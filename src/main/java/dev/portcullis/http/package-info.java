/**
 * The HTTP adapter over Helidon: server, route table (404 or 405), the one error handler,
 * request parameters, JSON replies, security headers, CORS, body limit, client address, request log.
 */
package dev.portcullis.http;
