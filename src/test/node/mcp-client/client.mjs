// An MCP client's OAuth, exactly as the official SDK does it: auth() discovers from the resource,
// registers itself, sends the user to authorize, exchanges the code, and later refreshes.
// The test plays the user: it reads the authorization URL from stdout and answers the callback URL on stdin.
import { auth } from "@modelcontextprotocol/sdk/client/auth.js";
import readline from "node:readline";

const [serverUrl, redirectUrl] = process.argv.slice(2);
let clientInformation;
let tokens;
let codeVerifier;
const provider = {
  get redirectUrl() { return redirectUrl; },
  get clientMetadata() {
    return { client_name: "MCP SDK interop", redirect_uris: [redirectUrl], grant_types: ["authorization_code", "refresh_token"],
             response_types: ["code"], token_endpoint_auth_method: "none" };
  },
  state: () => "mcp-state",
  clientInformation: () => clientInformation,
  saveClientInformation: (info) => { clientInformation = info; },
  tokens: () => tokens,
  saveTokens: (saved) => { tokens = saved; },
  redirectToAuthorization: (url) => console.log(JSON.stringify({ authorize: url.toString() })),
  saveCodeVerifier: (verifier) => { codeVerifier = verifier; },
  codeVerifier: () => codeVerifier,
};

const say = (line) => console.log(JSON.stringify(line));
try {
  const lines = readline.createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  const started = await auth(provider, { serverUrl });
  const callback = new URL((await lines.next()).value);
  const exchanged = await auth(provider, { serverUrl, authorizationCode: callback.searchParams.get("code") });
  const first = tokens;
  const refreshed = await auth(provider, { serverUrl });
  say({ started, exchanged, refreshed, clientId: clientInformation.client_id, first, second: tokens });
} catch (e) {
  say({ failed: String(e && e.stack || e) });
}
process.exit(0);
