/**
 * Apps (the SPEC's OAuth clients): their settings, redirect URIs, client secrets and client
 * authentication; {@code AppService} for apps developers own, {@code SelfRegisteredApps} for those
 * registered by clients themselves or known by a metadata document.
 */
package dev.portcullis.apps;
