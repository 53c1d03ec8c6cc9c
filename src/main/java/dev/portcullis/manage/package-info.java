/**
 * Operator management: the {@code /manage/v1} JSON API, operator tokens, the declarative
 * {@code admin import} setup and the demo seed, all over the same services as the dashboard.
 */
package dev.portcullis.manage;
