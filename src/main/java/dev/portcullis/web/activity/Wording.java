package dev.portcullis.web.activity;

import dev.portcullis.events.EventType;

/** Each event type in plain words, as the Activity page and the account page say it. */
final class Wording {
    private Wording() {}

    static String of(EventType type) {
        return switch (type) {
            case LOGIN_SUCCEEDED -> "Signed in";
            case LOGIN_FAILED -> "Failed to sign in";
            case LOGIN_LOCKED -> "Sign-in refused after too many failures";
            case LOGOUT -> "Signed out";
            case SIGNUP -> "Created an account";
            case USER_CREATED -> "Created a user";
            case EMAIL_VERIFIED -> "Verified the email address";
            case PASSWORD_RESET_REQUESTED -> "Asked for a password reset link";
            case PASSWORD_RESET -> "Reset the password; every session ended";
            case TOTP_ENROLLED -> "Added an authenticator app";
            case TOTP_REMOVED -> "Removed the authenticator app";
            case RECOVERY_CODES_RENEWED -> "Made new recovery codes";
            case CONSENT_GRANTED -> "Connected an app";
            case CONNECTION_REVOKED -> "Disconnected an app";
            case TOKEN_ISSUED -> "Tokens issued";
            case CODE_REUSED -> "Authorization code used twice; its tokens were revoked";
            case REFRESH_REUSE_DETECTED -> "Refresh token reused; its tokens were revoked";
            case TOKEN_REVOKED -> "Token revoked";
            case APP_CREATED -> "Created an app";
            case APP_UPDATED -> "Changed an app";
            case APP_DELETED -> "Deleted an app";
            case APP_SECRET_ROTATED -> "Rotated an app's secret";
            case APP_SELF_REGISTERED -> "An app registered itself";
            case APP_METADATA_FETCHED -> "Fetched an app's metadata document";
            case API_KEY_CREATED -> "Created an API key";
            case API_KEY_UPDATED -> "Changed an API key";
            case API_KEY_REVOKED -> "Revoked an API key";
            case MEMBER_ADDED -> "Added a member";
            case MEMBER_REMOVED -> "Removed a member";
            case MEMBER_ROLE_CHANGED -> "Changed a member's role";
            case WORKSPACE_CREATED -> "Created the workspace";
            case WORKSPACE_SECOND_FACTOR_CHANGED -> "Changed the second-factor requirement";
            case OPERATOR_TOKEN_CREATED -> "Created an operator token";
            case OPERATOR_TOKEN_USED -> "Used an operator token";
            case SIGNING_KEY_ROTATED -> "Rotated the signing keys";
            case SETTINGS_IMPORTED -> "Imported settings";
            case WEBHOOK_ENDPOINT_CREATED -> "Added a webhook endpoint";
            case WEBHOOK_ENDPOINT_UPDATED -> "Changed a webhook endpoint";
            case WEBHOOK_ENDPOINT_DELETED -> "Deleted a webhook endpoint";
            case WEBHOOK_ENDPOINT_DISABLED -> "A webhook endpoint was turned off after failing deliveries";
            case PASSKEY_ADDED -> "Added a passkey";
            case PASSKEY_REMOVED -> "Removed a passkey";
        };
    }
}
