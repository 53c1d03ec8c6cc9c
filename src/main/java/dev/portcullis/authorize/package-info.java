/** The authorization endpoint: ordered checks, the pending request, workspace choice, consent and codes. */
package dev.portcullis.authorize;
