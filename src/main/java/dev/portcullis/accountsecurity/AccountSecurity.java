package dev.portcullis.accountsecurity;

import dev.portcullis.events.EventLog;
import dev.portcullis.identity.LoginSessions;
import dev.portcullis.identity.UserRepository;
import dev.portcullis.secrets.Passwords;
import dev.portcullis.storage.Database;
import java.security.SecureRandom;
import java.time.Clock;

/** The two services over one store of mailed links, built together. */
public record AccountSecurity(EmailVerification verification, PasswordReset reset) {

    public static AccountSecurity of(Database db, AccountTokenRepository repository, UserRepository users, LoginSessions sessions,
                                     Passwords passwords, SecureRandom random, Clock clock, EventLog events) {
        var tokens = new AccountTokens(repository, random, clock);
        return new AccountSecurity(new EmailVerification(db, users, tokens, events),
                new PasswordReset(db, users, sessions, passwords, tokens, events));
    }
}
