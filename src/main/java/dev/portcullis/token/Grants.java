package dev.portcullis.token;

/** The three grants the token endpoint dispatches to. */
public record Grants(AuthorizationCodeGrant authorizationCode, RefreshTokenGrant refreshToken,
                     ClientCredentialsGrant clientCredentials) {}
