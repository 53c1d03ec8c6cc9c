/** Operator tokens: the credentials of automation at /manage/v1 and of an external login's complete call. */
package dev.portcullis.operators;
