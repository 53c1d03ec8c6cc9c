/**
 * Webhooks: endpoints that subscribe to events, an outbox of deliveries queued in each event's
 * transaction, and the worker that POSTs them signed per the Standard Webhooks specification.
 */
package dev.portcullis.webhooks;
