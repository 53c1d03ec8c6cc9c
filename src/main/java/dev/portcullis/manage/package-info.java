/**
 * Operator management: the {@code /manage/v1} JSON API and the declarative {@code admin import}
 * setup, over the same services as the dashboard (operator tokens themselves live in operators/).
 */
package dev.portcullis.manage;
