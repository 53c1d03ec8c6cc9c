/**
 * Apps (OAuth clients): their settings, redirect URIs and client secrets;
 * {@code AppService} for apps developers own, {@code SelfRegisteredApps} for those registered by
 * clients themselves or known by a metadata document. Client authentication is in clientauth/.
 */
package dev.portcullis.apps;
