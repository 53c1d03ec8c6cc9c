package dev.portcullis.externallogin;

import dev.portcullis.storage.Tx;
import java.util.Optional;

/** {@link LoginSettingsRepository} in the SQL both databases speak. */
final class SqlLoginSettingsRepository implements LoginSettingsRepository {

    @Override
    public Stored find(Tx tx) {
        return tx.queryOne("SELECT external_login_uri, password_login IS NULL AS password_login_unset, password_login "
                        + "FROM external_login_settings WHERE id = 1",
                r -> new Stored(r.optionalText("external_login_uri"),
                        r.flag("password_login_unset") ? Optional.empty() : Optional.of(r.flag("password_login"))))
                .orElse(Stored.NONE);
    }

    @Override
    public void save(Tx tx, Stored settings) {
        tx.update("INSERT INTO external_login_settings (id, external_login_uri, password_login) VALUES (1, ?, ?) "
                        + "ON CONFLICT (id) DO UPDATE SET external_login_uri = excluded.external_login_uri, "
                        + "password_login = excluded.password_login",
                settings.externalLoginUri().orElse(null), settings.passwordLogin().orElse(null));
    }

    @Override
    public void clear(Tx tx) {
        tx.update("DELETE FROM external_login_settings");
    }
}
