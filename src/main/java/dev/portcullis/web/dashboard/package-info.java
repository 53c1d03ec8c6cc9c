/**
 * The developer dashboard: a user's own apps, their OAuth settings, redirect URIs and client
 * secrets (shown once). Also the form pieces the workspace API-key pages share.
 */
package dev.portcullis.web.dashboard;
