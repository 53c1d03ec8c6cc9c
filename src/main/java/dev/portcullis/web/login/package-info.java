/** The login and logout pages, and the throttle on failed logins. */
package dev.portcullis.web.login;
