/**
 * Rate limits: token buckets per limiter and key (a credential, a client, an address), counted in
 * this instance's memory or, when several instances share PostgreSQL, in the database.
 */
package dev.portcullis.ratelimit;
