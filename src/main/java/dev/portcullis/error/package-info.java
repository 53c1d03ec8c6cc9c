/**
 * The error model, below every other package: {@link dev.portcullis.error.Problem} values (an
 * {@link dev.portcullis.error.OAuthError} or a {@link dev.portcullis.error.Failure}), thrown in an
 * {@link dev.portcullis.error.OAuthException}, with their wire codes. http.ErrorHandler renders them.
 */
package dev.portcullis.error;
