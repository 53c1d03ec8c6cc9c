package dev.portcullis.mfa;

import java.util.function.BooleanSupplier;

/**
 * What a workspace that requires a second factor (docs/account-security.md) asks of a login
 * session before it connects an app or opens the workspace's pages: nothing, enrolment of a
 * factor (the user has none), or a fresh login with both factors (the session used one).
 */
public enum SecondFactorDemand {
    NONE, ENROL, LOG_IN_AGAIN;

    /** The one rule: {@code userHasFactor} is asked only when it matters (it reads the store). */
    public static SecondFactorDemand of(boolean workspaceRequires, boolean multiFactorSession, BooleanSupplier userHasFactor) {
        if (!workspaceRequires || multiFactorSession) return NONE;
        return userHasFactor.getAsBoolean() ? LOG_IN_AGAIN : ENROL;
    }
}
