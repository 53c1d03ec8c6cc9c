package dev.portcullis.web.activity;

import static dev.portcullis.events.EventType.*;

import dev.portcullis.apps.AppService;
import dev.portcullis.events.EventLog;
import dev.portcullis.events.EventQuery;
import dev.portcullis.events.EventType;
import dev.portcullis.identity.IdentityService;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The account page's "Recent activity": the last {@value #SHOWN} sign-ins, sign-outs, app
 * connections and account-security changes that involve the user (as the one acting, or as the account a failed login named),
 * in every workspace.
 */
public final class RecentActivity {
    static final int SHOWN = 20;
    static final Set<EventType> TYPES = EnumSet.of(LOGIN_SUCCEEDED, LOGIN_FAILED, LOGIN_LOCKED, LOGOUT, CONSENT_GRANTED,
            CONNECTION_REVOKED, EMAIL_VERIFIED, PASSWORD_RESET_REQUESTED, PASSWORD_RESET, TOTP_ENROLLED, TOTP_REMOVED,
            RECOVERY_CODES_RENEWED);

    private final EventLog events;
    private final EventLines lines;

    public RecentActivity(EventLog events, IdentityService identity, AppService apps) {
        this.events = events;
        this.lines = new EventLines(identity, apps);
    }

    public List<EventLine> of(String userId) {
        return lines.of(events.page(EventQuery.newest(SHOWN).involving(userId).ofTypes(TYPES)).events());
    }
}
