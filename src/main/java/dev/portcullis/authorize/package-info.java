/** The authorization endpoint: request objects, ordered checks, the pending request, workspace choice, consent and codes. */
package dev.portcullis.authorize;
