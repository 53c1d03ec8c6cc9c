/** The account page: who you are, your workspaces, and (added by the connections package) your connected apps. */
package dev.portcullis.web.account;
