/** The command line (picocli): {@code serve} and the operator's {@code admin} commands. */
package dev.portcullis.cli;
