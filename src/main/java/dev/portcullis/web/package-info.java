/**
 * Server-rendered pages and what they share: the layout and rendering ({@link dev.portcullis.web.Pages}),
 * the signed-in user ({@link dev.portcullis.web.CurrentUser}), CSRF ({@link dev.portcullis.web.Csrf}),
 * the session cookie and safe post-login redirects. Pages live in sub-packages, templates in src/main/jte.
 */
package dev.portcullis.web;
