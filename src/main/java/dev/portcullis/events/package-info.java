/**
 * The audit log: every security-relevant act, written as one immutable event in the same
 * transaction as the change, and the hook through which webhooks queue their deliveries.
 */
package dev.portcullis.events;
