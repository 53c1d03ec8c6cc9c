/**
 * The built-in protected API under {@code /v2}: one route table ({@link dev.portcullis.api.ApiRoute})
 * declaring each route's scopes, authentication by Bearer or Basic, rate limits and scope checks
 * in one place ({@link dev.portcullis.api.ApiRoutes}), and the resources in sub-packages.
 */
package dev.portcullis.api;
