/**
 * Journeys through the real pages in headless Chromium: Portcullis in-process, the Taskr example
 * as a subprocess from its shaded jar, both on free ports of one host name; and a browser-only
 * client page served from another origin.
 */
package dev.portcullis.browser;
