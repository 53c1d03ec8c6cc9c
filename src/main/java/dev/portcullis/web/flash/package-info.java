/**
 * One-time page messages for Post/Redirect/Get: a successful form POST leaves a {@link dev.portcullis.web.flash.Flash}
 * (a notice, at most one sealed secret) for the GET it redirects to, read once by the same login session.
 */
package dev.portcullis.web.flash;
