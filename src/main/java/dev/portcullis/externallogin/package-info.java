/**
 * External login (Standalone Connect): the SaaS's own login decides who the user is, then its
 * backend completes the login; Portcullis goes on with the workspace choice, consent and tokens.
 */
package dev.portcullis.externallogin;
