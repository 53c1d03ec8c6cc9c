package dev.portcullis.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every kind of event, by its wire name (dotted, lower case, stable: webhooks subscribe by it). */
public enum EventType {
    LOGIN_SUCCEEDED("login.succeeded"),
    LOGIN_FAILED("login.failed"),
    LOGIN_LOCKED("login.locked"),
    LOGOUT("logout"),
    SIGNUP("signup"),
    USER_CREATED("user.created"),
    EMAIL_VERIFIED("email.verified"),
    PASSWORD_RESET_REQUESTED("password.reset_requested"),
    PASSWORD_RESET("password.reset"),
    TOTP_ENROLLED("totp.enrolled"),
    TOTP_REMOVED("totp.removed"),
    RECOVERY_CODES_RENEWED("recovery_codes.renewed"),
    CONSENT_GRANTED("consent.granted"),
    CONNECTION_REVOKED("connection.revoked"),
    TOKEN_ISSUED("token.issued"),
    CODE_REUSED("authorization_code.reused"),
    REFRESH_REUSE_DETECTED("refresh_token.reuse_detected"),
    TOKEN_REVOKED("token.revoked"),
    APP_CREATED("app.created"),
    APP_UPDATED("app.updated"),
    APP_DELETED("app.deleted"),
    APP_SECRET_ROTATED("app.secret_rotated"),
    APP_SELF_REGISTERED("app.self_registered"),
    APP_METADATA_FETCHED("app.metadata_document_fetched"),
    API_KEY_CREATED("api_key.created"),
    API_KEY_UPDATED("api_key.updated"),
    API_KEY_REVOKED("api_key.revoked"),
    MEMBER_ADDED("member.added"),
    MEMBER_REMOVED("member.removed"),
    MEMBER_ROLE_CHANGED("member.role_changed"),
    WORKSPACE_CREATED("workspace.created"),
    WORKSPACE_SECOND_FACTOR_CHANGED("workspace.second_factor_requirement_changed"),
    OPERATOR_TOKEN_CREATED("operator_token.created"),
    OPERATOR_TOKEN_USED("operator_token.used"),
    SIGNING_KEY_ROTATED("signing_key.rotated"),
    SETTINGS_IMPORTED("settings.imported"),
    WEBHOOK_ENDPOINT_CREATED("webhook_endpoint.created"),
    WEBHOOK_ENDPOINT_UPDATED("webhook_endpoint.updated"),
    WEBHOOK_ENDPOINT_DELETED("webhook_endpoint.deleted"),
    WEBHOOK_ENDPOINT_DISABLED("webhook_endpoint.disabled"),
    PASSKEY_ADDED("passkey.added"),
    PASSKEY_REMOVED("passkey.removed");

    private static final Map<String, EventType> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));
    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<EventType> byWireName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
