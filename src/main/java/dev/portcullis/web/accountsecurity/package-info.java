/** The account-security pages: email verification, forgot/reset password, and the login sessions on /account. */
package dev.portcullis.web.accountsecurity;
