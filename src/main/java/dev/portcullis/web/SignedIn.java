package dev.portcullis.web;

import dev.portcullis.identity.LoginSession;
import dev.portcullis.identity.User;

/** The person behind a request's live login session. */
public record SignedIn(User user, LoginSession session) {
    public String userId() {
        return user.id();
    }

    /** The token every state-changing form of this session carries in its {@code csrf} field. */
    public String csrf() {
        return session.csrfToken();
    }
}
