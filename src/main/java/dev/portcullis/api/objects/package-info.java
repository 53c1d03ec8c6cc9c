/** Objects of the built-in API ({@code /v2/objects}): the fixed set people, companies and deals. */
package dev.portcullis.api.objects;
