package dev.portcullis.config;

/** An invalid setting: the message names it and says what is wrong, fit for one line on stderr. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
