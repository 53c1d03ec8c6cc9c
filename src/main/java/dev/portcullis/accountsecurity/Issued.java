package dev.portcullis.accountsecurity;

import dev.portcullis.identity.User;
import dev.portcullis.secrets.Token;

/** A link just stored for {@code user}: the token goes into the mail, and only into the mail. */
public record Issued(User user, Purpose purpose, Token token) {}
