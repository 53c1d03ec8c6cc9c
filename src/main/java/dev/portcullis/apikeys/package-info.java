/** Workspace API keys ({@code sk_…}): minted by workspace admins, shown once, stored only as hashes. */
package dev.portcullis.apikeys;
