/** {@code /v2/webhooks}: a workspace's webhooks over the built-in API, shaped as Attio's. */
package dev.portcullis.api.webhooks;
