/** Shared OAuth vocabulary: grant types, client types, auth methods, redirect URIs, response types and modes, PKCE. */
package dev.portcullis.oauth;
