#!/usr/bin/env node
// A tiny command-line tool that signs in with the device flow (RFC 8628) and calls the /v2 API.
// Usage: node cli.mjs ISSUER CLIENT_ID [PATH]    (PATH defaults to /v2/self)
// It prints where to go and which code to type, waits while you approve in a browser, then
// prints the API's JSON answer on the last line.
import * as client from 'openid-client';

const [issuer, clientId, path = '/v2/self'] = process.argv.slice(2);
if (!issuer || !clientId) {
  console.error('usage: node cli.mjs ISSUER CLIENT_ID [PATH]');
  process.exit(2);
}

try {
  // A public client: no secret on a user's machine. Plain http only for a server on loopback.
  const options = new URL(issuer).protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined;
  const config = await client.discovery(new URL(issuer), clientId, undefined, client.None(), options);

  const device = await client.initiateDeviceAuthorization(config, { scope: 'openid offline_access task:read' });
  console.log(`To sign in, open ${device.verification_uri} and enter the code ${device.user_code}`);
  console.log(`(or open ${device.verification_uri_complete})`);

  // Polls at the server's interval, slowing down when told to, until you approve or deny.
  const tokens = await client.pollDeviceAuthorizationGrant(config, device);
  console.log('Signed in. Calling ' + path);

  const response = await client.fetchProtectedResource(config, tokens.access_token, new URL(path, issuer), 'GET');
  console.log(JSON.stringify(await response.json()));
} catch (e) {
  console.error(`failed: ${e.error ?? ''} ${e.message}`);
  process.exit(1);
}
