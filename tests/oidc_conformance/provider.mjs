// A certified OpenID provider (panva/node-oidc-provider v9) on loopback, for
// tests/accounts/test_oidc_conformance.py. Test-only: never run it anywhere else.
//
//   node tests/oidc_conformance/provider.mjs PORT
//
// Environment (all optional): OIDC_REDIRECT_URI (default https://testserver/sign-in/callback),
// OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_ACCOUNTS (JSON: login name -> claims).
// Prints "ready ISSUER" on stdout once it listens.
import { generateKeyPairSync, randomBytes } from 'node:crypto';

import Provider from 'oidc-provider';

const port = Number(process.argv[2] || 0);
const issuer = `http://127.0.0.1:${port}`;
const accounts = JSON.parse(process.env.OIDC_ACCOUNTS || '{}');
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.OIDC_CLIENT_ID || 'learning-conformance',
    client_secret: process.env.OIDC_CLIENT_SECRET || 'conformance-client-secret-0123456789abcdef',
    redirect_uris: [process.env.OIDC_REDIRECT_URI || 'https://testserver/sign-in/callback'],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  pkce: { required: () => true }, // every client, confidential ones too
  features: { devInteractions: { enabled: true } },
  // Entra ID puts these in the ID token; so does this provider.
  conformIdTokenClaims: false,
  claims: {
    openid: ['sub', 'tid', 'oid', 'roles'],
    email: ['email'],
    profile: ['name', 'given_name', 'family_name'],
  },
  async findAccount(ctx, sub) {
    return { accountId: sub, async claims() { return { ...(accounts[sub] || {}), sub }; } };
  },
  jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256' }] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
});

const server = provider.listen(port, '127.0.0.1', () => {
  process.stdout.write(`ready ${issuer}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
