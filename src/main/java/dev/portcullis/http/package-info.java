/**
 * The HTTP adapter over Helidon: server, route table (404 or 405), the one error handler,
 * request parameters, JSON replies, security headers, CORS, body limit, client address, request log,
 * and the one outbound client for addresses others chose.
 */
package dev.portcullis.http;
