/**
 * The route table of {@code /v2} ({@link dev.portcullis.api.routes.ApiRoute}, each route with its
 * scopes) and the steps every route runs in one place ({@link dev.portcullis.api.routes.ApiRoutes}):
 * Bearer or Basic authentication, rate limits, scope checks, then the resource's handler.
 */
package dev.portcullis.api.routes;
