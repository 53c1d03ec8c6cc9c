// openid-client (a certified OpenID Connect relying party library), unchanged, against Portcullis.
// Usage: node client.mjs ISSUER CLIENT_ID CLIENT_SECRET basic|post REDIRECT_URI [dpop]
//        node client.mjs ISSUER CLIENT_ID PRIVATE_JWK private_key_jwt REDIRECT_URI fapi
// With "dpop", every step binds and uses DPoP (RFC 9449): dpop_jkt, the token requests, userinfo and /v2/self.
// With "fapi" (FAPI 2.0 style), the client authenticates with private_key_jwt (RFC 7523, the private JWK,
// EC P-256 or RSA, is the third argument), pushes the request (RFC 9126 PAR) and uses DPoP as above.
// Prints {"authorize": url}, reads the callback URL on stdin, then prints what each step returned;
// any failure prints {"failed": message}.
import * as client from 'openid-client';
import readline from 'node:readline';

const [issuer, clientId, clientSecret, method, redirectUri, dpop] = process.argv.slice(2);
const print = (value) => process.stdout.write(JSON.stringify(value) + '\n');
const lines = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const fapi = dpop === 'fapi';

/** The private JWK as a WebCrypto key: ES256 for an EC key, PS256 for an RSA key. */
async function privateKey(json) {
  const { kid, alg, ...jwk } = JSON.parse(json);
  const algorithm = jwk.kty === 'EC' ? { name: 'ECDSA', namedCurve: jwk.crv } : { name: 'RSA-PSS', hash: 'SHA-256' };
  return { kid, key: await crypto.subtle.importKey('jwk', jwk, algorithm, false, ['sign']) };
}

try {
  const auth = method === 'private_key_jwt' ? client.PrivateKeyJwt(await privateKey(clientSecret))
    : method === 'post' ? client.ClientSecretPost(clientSecret) : client.ClientSecretBasic(clientSecret);
  // A FAPI 2.0 app's ID tokens are PS256; openid-client then accepts no other algorithm.
  const metadata = fapi ? { id_token_signed_response_alg: 'PS256' } : undefined;
  // Plain http only because the test server listens on loopback without TLS.
  const config = await client.discovery(new URL(issuer), clientId, metadata, auth,
    { execute: [client.allowInsecureRequests] });
  const DPoP = dpop === 'dpop' || fapi ? client.getDPoPHandle(config, await client.randomDPoPKeyPair()) : undefined;
  const options = DPoP ? { DPoP } : undefined;
  const verifier = client.randomPKCECodeVerifier();
  const nonce = client.randomNonce();
  const state = client.randomState();
  const parameters = {
    redirect_uri: redirectUri,
    scope: 'openid profile email offline_access task:read',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    nonce,
    state,
    ...(DPoP ? { dpop_jkt: await DPoP.calculateThumbprint() } : {}),
  };
  // PAR: the parameters go to /oauth2/par with the client's authentication; the URL carries only request_uri.
  const url = fapi ? await client.buildAuthorizationUrlWithPAR(config, parameters)
    : client.buildAuthorizationUrl(config, parameters);
  print({ authorize: url.href });
  const callback = (await lines.next()).value;

  const tokens = await client.authorizationCodeGrant(config, new URL(callback),
    { pkceCodeVerifier: verifier, expectedNonce: nonce, expectedState: state, idTokenExpected: true }, undefined, options);
  const idToken = tokens.claims();
  const userinfo = await client.fetchUserInfo(config, tokens.access_token, idToken.sub, options);
  const self = async (token) => await (await client.fetchProtectedResource(config, token,
    new URL(issuer + '/v2/self'), 'GET', undefined, undefined, options)).json();
  const firstSelf = fapi ? await self(tokens.access_token) : undefined;
  const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token, undefined, options);
  const refreshedSelf = DPoP ? await self(refreshed.access_token) : undefined;
  const introspection = await client.tokenIntrospection(config, refreshed.access_token);
  await client.tokenRevocation(config, refreshed.refresh_token);
  print({ idToken, userinfo, introspection, self: refreshedSelf, firstSelf, tokenType: tokens.token_type, refreshedType: refreshed.token_type,
    first: tokens.access_token, second: refreshed.access_token, revoked: refreshed.refresh_token });
} catch (e) {
  print({ failed: `${e.name}: ${e.message}${e.cause ? ' / ' + JSON.stringify(e.cause) : ''}` });
}
process.exit(0);
