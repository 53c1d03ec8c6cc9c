/** The OAuth vocabulary every capability shares: scopes and sets of them, with their implications. */
package dev.portcullis.oauth;
