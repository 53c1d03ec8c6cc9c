/**
 * The built-in protected API under {@code /v2}: what its resources share, who calls
 * ({@link dev.portcullis.api.Principal}), paging and path ids. The route table and the steps every
 * route runs are in {@code api.routes}; the resources in the other sub-packages, which import
 * this package and never {@code api.routes}.
 */
package dev.portcullis.api;
