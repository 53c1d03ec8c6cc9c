/** Connections: user x app x workspace x scopes. Consent is remembered here; revoking one kills its tokens. */
package dev.portcullis.connections;
