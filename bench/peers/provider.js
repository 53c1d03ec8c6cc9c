// node-oidc-provider 9 as bench/peers.sh runs it beside Portcullis: in-memory adapter (the
// library's default), one confidential client_credentials client authenticating with
// client_secret_basic, opaque access tokens, introspection on. Listens on 127.0.0.1 only.
//   PORT=... CLIENT_ID=... CLIENT_SECRET=... node provider.js
import Provider from 'oidc-provider';

const port = Number(process.env.PORT || 3000);
const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.CLIENT_ID || 'bench',
    client_secret: process.env.CLIENT_SECRET || 'bench-secret',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
    token_endpoint_auth_method: 'client_secret_basic',
    scope: 'task:read',
  }],
  scopes: ['openid', 'task:read'],
  features: {
    clientCredentials: { enabled: true },
    introspection: { enabled: true },
    devInteractions: { enabled: false },
  },
});
provider.on('server_error', (ctx, err) => console.error('server_error', err));
provider.listen(port, '127.0.0.1', () => console.log(`oidc-provider listening on ${issuer}`));
