/** The sign-up page: a new account and its first workspace, then signed in. */
package dev.portcullis.web.signup;
