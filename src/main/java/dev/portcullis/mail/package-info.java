/** Account mail: the templates (HTML and text) and their delivery, by SMTP or, in development, to the log and a folder. */
package dev.portcullis.mail;
