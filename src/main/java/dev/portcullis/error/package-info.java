/** The one error model: {@link dev.portcullis.error.OAuthError} values, thrown in an {@link dev.portcullis.error.OAuthException}, rendered in one place. */
package dev.portcullis.error;
