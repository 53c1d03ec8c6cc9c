/** OIDC UserInfo and the user claims that ID tokens share with it, released by scope. */
package dev.portcullis.userinfo;
