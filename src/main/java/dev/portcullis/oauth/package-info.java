/** Shared OAuth vocabulary: grant types, client types, auth methods, redirect URIs, scopes, PKCE. */
package dev.portcullis.oauth;
