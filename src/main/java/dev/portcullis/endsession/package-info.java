/**
 * OpenID Connect RP-Initiated Logout 1.0: a relying party sends the user here to end their
 * Portcullis session, and may have them sent back to one of its own registered URIs.
 */
package dev.portcullis.endsession;
