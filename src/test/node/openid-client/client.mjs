// openid-client (a certified OpenID Connect relying party library), unchanged, against Portcullis.
// Usage: node client.mjs ISSUER CLIENT_ID CLIENT_SECRET basic|post REDIRECT_URI [dpop]
// With "dpop", every step binds and uses DPoP (RFC 9449): dpop_jkt, the token requests, userinfo and /v2/self.
// Prints {"authorize": url}, reads the callback URL on stdin, then prints what each step returned;
// any failure prints {"failed": message}.
import * as client from 'openid-client';
import readline from 'node:readline';

const [issuer, clientId, clientSecret, method, redirectUri, dpop] = process.argv.slice(2);
const print = (value) => process.stdout.write(JSON.stringify(value) + '\n');
const lines = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();

try {
  const auth = method === 'post' ? client.ClientSecretPost(clientSecret) : client.ClientSecretBasic(clientSecret);
  // Plain http only because the test server listens on loopback without TLS.
  const config = await client.discovery(new URL(issuer), clientId, undefined, auth,
    { execute: [client.allowInsecureRequests] });
  const DPoP = dpop === 'dpop' ? client.getDPoPHandle(config, await client.randomDPoPKeyPair()) : undefined;
  const options = DPoP ? { DPoP } : undefined;
  const verifier = client.randomPKCECodeVerifier();
  const nonce = client.randomNonce();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid profile email offline_access task:read',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    nonce,
    state,
    ...(DPoP ? { dpop_jkt: await DPoP.calculateThumbprint() } : {}),
  });
  print({ authorize: url.href });
  const callback = (await lines.next()).value;

  const tokens = await client.authorizationCodeGrant(config, new URL(callback),
    { pkceCodeVerifier: verifier, expectedNonce: nonce, expectedState: state, idTokenExpected: true }, undefined, options);
  const idToken = tokens.claims();
  const userinfo = await client.fetchUserInfo(config, tokens.access_token, idToken.sub, options);
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token, undefined, options);
  const self = DPoP ? await (await client.fetchProtectedResource(config, refreshed.access_token,
    new URL(issuer + '/v2/self'), 'GET', undefined, undefined, options)).json() : undefined;
  const introspection = await client.tokenIntrospection(config, refreshed.access_token);
  await client.tokenRevocation(config, refreshed.refresh_token);
  print({ idToken, userinfo, introspection, self, tokenType: tokens.token_type, refreshedType: refreshed.token_type,
    first: tokens.access_token, second: refreshed.access_token, revoked: refreshed.refresh_token });
} catch (e) {
  print({ failed: `${e.name}: ${e.message}${e.cause ? ' / ' + JSON.stringify(e.cause) : ''}` });
}
process.exit(0);
