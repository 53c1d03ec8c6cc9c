/** The workspace webhook pages: endpoints, their one-time secrets, and the delivery attempts with Replay. */
package dev.portcullis.web.webhooks;
