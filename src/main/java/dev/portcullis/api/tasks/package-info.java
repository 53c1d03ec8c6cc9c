/** Tasks of the built-in API ({@code /v2/tasks}): stored per workspace, assigned to workspace members. */
package dev.portcullis.api.tasks;
