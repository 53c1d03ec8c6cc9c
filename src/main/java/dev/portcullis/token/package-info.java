/** The token endpoint: request parsing, one class per grant, token issuance and token storage. */
package dev.portcullis.token;
