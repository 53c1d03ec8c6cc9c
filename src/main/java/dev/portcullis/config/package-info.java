/** Configuration: the immutable {@link dev.portcullis.config.Config} tree, its defaults and its loading. */
package dev.portcullis.config;
