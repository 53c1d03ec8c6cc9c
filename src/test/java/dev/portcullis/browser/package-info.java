/**
 * Journeys through the real pages in headless Chromium: Portcullis in-process, the Taskr example
 * as a subprocess from its shaded jar, both on free ports of one host name.
 */
package dev.portcullis.browser;
