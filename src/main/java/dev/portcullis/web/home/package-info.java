/** The site's front door: {@code /}. */
package dev.portcullis.web.home;
