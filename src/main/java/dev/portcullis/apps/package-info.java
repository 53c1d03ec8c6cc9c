/** Apps (the SPEC's OAuth clients): their settings, redirect URIs, client secrets and client authentication. */
package dev.portcullis.apps;
