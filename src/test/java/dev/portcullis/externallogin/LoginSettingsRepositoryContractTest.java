package dev.portcullis.externallogin;

import dev.portcullis.support.RepositoryContract;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.support.Db;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link LoginSettingsRepository}'s promises on both databases: one row at most, each override read
 * back as written ("" and false included, not mistaken for "not set"), and clear goes back to none.
 */
@ParameterizedClass
@EnumSource(Db.class)
class LoginSettingsRepositoryContractTest extends RepositoryContract {
    static final LoginSettingsRepository.Stored BOTH = new LoginSettingsRepository.Stored(
            Optional.of("https://login.example.com/start"), Optional.of(false));

    static final LoginSettingsRepository settings = new SqlLoginSettingsRepository();

    @BeforeEach
    void clear() {
        database.inTransaction(tx -> {
            settings.clear(tx);
            return null;
        });
    }

    static void save(LoginSettingsRepository.Stored stored) {
        database.inTransaction(tx -> {
            settings.save(tx, stored);
            return null;
        });
    }

    static LoginSettingsRepository.Stored find() {
        return database.read(settings::find);
    }

    static long rows() {
        return database.read(tx -> tx.count("SELECT count(*) AS n FROM external_login_settings"));
    }

    @Test
    void nothingSavedReadsAsNoOverrides() {
        assertEquals(LoginSettingsRepository.Stored.NONE, find());
    }

    @Test
    void savedOverridesReadBackAsWritten() {
        save(BOTH);
        assertEquals(BOTH, find());
    }

    @Test
    void anEmptyLoginUriAndPasswordLoginTrueReadBackAsOverridesNotAsUnset() {
        var off = new LoginSettingsRepository.Stored(Optional.of(""), Optional.of(true));
        save(off);
        assertEquals(off, find(), "\"\" means external login off, not \"use the environment\"");
    }

    @Test
    void oneFieldOverriddenLeavesTheOtherUnset() {
        var onlyPassword = new LoginSettingsRepository.Stored(Optional.empty(), Optional.of(false));
        save(onlyPassword);
        assertEquals(onlyPassword, find());
        var onlyUri = new LoginSettingsRepository.Stored(Optional.of("https://login.example.com/start"), Optional.empty());
        save(onlyUri);
        assertEquals(onlyUri, find());
    }

    @Test
    void aSecondSaveReplacesTheOneRow() {
        save(BOTH);
        save(LoginSettingsRepository.Stored.NONE);
        assertEquals(LoginSettingsRepository.Stored.NONE, find(), "empty fields unset what was there");
        assertEquals(1L, rows());
    }

    @Test
    void clearGoesBackToNoOverrides() {
        save(BOTH);
        clear();
        assertEquals(LoginSettingsRepository.Stored.NONE, find());
        assertEquals(0L, rows());
        clear();
        assertEquals(0L, rows(), "clearing nothing is fine");
    }
}
