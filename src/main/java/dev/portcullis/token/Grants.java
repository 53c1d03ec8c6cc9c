package dev.portcullis.token;

/** The grants the token endpoint dispatches to. */
public record Grants(AuthorizationCodeGrant authorizationCode, RefreshTokenGrant refreshToken,
                     ClientCredentialsGrant clientCredentials, DeviceCodeGrant deviceCode) {}
