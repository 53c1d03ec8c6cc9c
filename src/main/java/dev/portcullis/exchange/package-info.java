/**
 * Grants that turn one proof into a token without a browser: RFC 8693 token exchange (a service
 * trades a user's token for one aimed at another API), and the RFC 7523 §2.1 JWT bearer grant
 * with ID-JAG assertions from trusted issuers (docs/token-exchange.md, docs/jwt-bearer.md).
 */
package dev.portcullis.exchange;
