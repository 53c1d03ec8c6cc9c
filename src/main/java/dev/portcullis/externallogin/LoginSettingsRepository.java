package dev.portcullis.externallogin;

import dev.portcullis.storage.Tx;
import java.util.Optional;

/** The external_login_settings table: the operator's overrides of the environment, one row at most. */
interface LoginSettingsRepository {

    /** Each field empty when not overridden; an external login URI of "" means "off". */
    record Stored(Optional<String> externalLoginUri, Optional<Boolean> passwordLogin) {
        static final Stored NONE = new Stored(Optional.empty(), Optional.empty());
    }

    Stored find(Tx tx);

    void save(Tx tx, Stored settings);

    void clear(Tx tx);
}
