package dev.portcullis.token;

/** The grants the token endpoint dispatches to; the last two have their rules in exchange/. */
public record Grants(AuthorizationCodeGrant authorizationCode, RefreshTokenGrant refreshToken,
                     ClientCredentialsGrant clientCredentials, DeviceCodeGrant deviceCode,
                     ExtensionGrant<TokenRequest.TokenExchange> tokenExchange, ExtensionGrant<TokenRequest.JwtBearer> jwtBearer) {}
