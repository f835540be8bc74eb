/**
 * A small stand-in for eBay's OAuth token endpoint and the Notification API's getPublicKey,
 * enough to test the relay on its own: HTTP on 127.0.0.1, port 0. It checks what eBay checks
 * (Basic credentials, grant type, RuName, single-use unexpired codes, granted scopes, bearer
 * application token) and answers with eBay's shapes. The full eBay double in
 * test/support/ebay/ replaces it once both land.
 */
import { randomBytes, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const APP_SCOPE = 'https://api.ebay.com/oauth/api_scope';

export interface FakeEbayOptions {
  clientId: string;
  clientSecret: string;
  ruName: string;
}

export interface TokenCall {
  grantType: string;
  status: number;
}

export class FakeEbay {
  url = '';
  readonly tokenCalls: TokenCall[] = [];
  publicKeyCalls = 0;
  /** Seconds; what the next client_credentials grants live for. */
  appTokenLifetime = 7200;
  /** When set, the token endpoint answers this status with no usable body (eBay having trouble). */
  failWith: number | null = null;
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private readonly codes = new Map<string, { scopes: string[]; used: boolean; expiresAt: number }>();
  private readonly refreshTokens = new Map<string, { scopes: string[]; revoked: boolean }>();
  private readonly appTokens = new Set<string>();
  private readonly publicKeys = new Map<string, string>();
  private serial = 0;

  constructor(private readonly opts: FakeEbayOptions) {}

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** What eBay does when the seller consents: a code for these scopes, valid 5 minutes, once. */
  consent(scopes: string[], { expired = false } = {}): string {
    const code = `v^1.1#i^1#f^0#I^3#r^1#p^3#t^${token()}`;
    this.codes.set(code, { scopes, used: false, expiresAt: Date.now() + (expired ? -1000 : 300_000) });
    return code;
  }

  /** The seller revoked the app's access on eBay. */
  revoke(refreshToken: string): void {
    const entry = this.refreshTokens.get(refreshToken);
    if (entry) entry.revoked = true;
  }

  /** Serves `key` (an EC public key) from getPublicKey under `kid`, one-line PEM as eBay sends it. */
  addPublicKey(kid: string, key: KeyObject): void {
    const der = key.export({ type: 'spki', format: 'der' }).toString('base64');
    this.publicKeys.set(kid, `-----BEGIN PUBLIC KEY-----${der}-----END PUBLIC KEY-----`);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let body = '';
    req.setEncoding('utf8');
    for await (const chunk of req) body += chunk as string;
    const url = new URL(req.url ?? '/', this.url);
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    };
    if (req.method === 'POST' && url.pathname === '/identity/v1/oauth2/token') {
      const [status, payload] = this.token(req, body);
      this.tokenCalls.push({ grantType: new URLSearchParams(body).get('grant_type') ?? '', status });
      send(status, payload);
      return;
    }
    const key = /^\/commerce\/notification\/v1\/public_key\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && key) {
      this.publicKeyCalls += 1;
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!bearer || !this.appTokens.has(bearer)) {
        send(401, {
          errors: [{ errorId: 1001, domain: 'OAuth', category: 'REQUEST', message: 'Invalid access token' }],
        });
        return;
      }
      const pem = this.publicKeys.get(decodeURIComponent(key[1]!));
      if (!pem) {
        send(404, {
          errors: [
            {
              errorId: 195001,
              domain: 'API_NOTIFICATION',
              category: 'REQUEST',
              message: 'The specified key id is invalid.',
            },
          ],
        });
        return;
      }
      send(200, { algorithm: 'ECDSA', digest: 'SHA1', key: pem });
      return;
    }
    send(404, { errors: [{ errorId: 2002, message: 'Resource not found' }] });
  }

  private token(req: http.IncomingMessage, body: string): [number, unknown] {
    const oauthError = (status: number, error: string, description: string): [number, unknown] => [
      status,
      { error, error_description: description },
    ];
    if (this.failWith !== null) return [this.failWith, { message: 'eBay is having trouble' }];
    const expected = `Basic ${Buffer.from(`${this.opts.clientId}:${this.opts.clientSecret}`).toString('base64')}`;
    if (req.headers.authorization !== expected)
      return oauthError(401, 'invalid_client', 'client authentication failed');
    if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      return oauthError(400, 'invalid_request', 'request is missing a required parameter or malformed');
    }
    const form = new URLSearchParams(body);
    switch (form.get('grant_type')) {
      case 'authorization_code': {
        if (form.get('redirect_uri') !== this.opts.ruName) {
          return oauthError(400, 'invalid_request', 'redirect_uri is not the RuName of this keyset');
        }
        const code = this.codes.get(form.get('code') ?? '');
        if (!code || code.used || code.expiresAt < Date.now()) {
          return oauthError(
            400,
            'invalid_grant',
            'the provided authorization grant code is invalid or was issued to another client',
          );
        }
        code.used = true;
        const refreshToken = `v^1.1#i^1#r^1#p^3#f^0#I^3#t^${token()}`;
        this.refreshTokens.set(refreshToken, { scopes: code.scopes, revoked: false });
        return [
          200,
          {
            access_token: `v^1.1#i^1#p^3#r^1#f^0#I^3#t^${token()}`,
            expires_in: 7200,
            refresh_token: refreshToken,
            refresh_token_expires_in: 47_304_000,
            token_type: 'User Access Token',
          },
        ];
      }
      case 'refresh_token': {
        const grant = this.refreshTokens.get(form.get('refresh_token') ?? '');
        if (!grant || grant.revoked) {
          return oauthError(
            400,
            'invalid_grant',
            'the provided authorization refresh token is invalid or was issued to another client',
          );
        }
        const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
        if (scopes.length === 0 || scopes.some((s) => !grant.scopes.includes(s))) {
          return oauthError(
            400,
            'invalid_scope',
            'the requested scope is invalid, unknown, malformed, or exceeds the scope granted',
          );
        }
        return [
          200,
          { access_token: `v^1.1#i^1#p^3#r^1#f^0#I^3#t^${token()}`, expires_in: 7200, token_type: 'User Access Token' },
        ];
      }
      case 'client_credentials': {
        if (form.get('scope') !== APP_SCOPE) {
          return oauthError(
            400,
            'invalid_scope',
            'the requested scope is invalid, unknown, malformed, or exceeds the scope granted',
          );
        }
        const accessToken = `v^1.1#i^1#f^0#p^1#r^0#I^3#t^app${++this.serial}${token()}`;
        this.appTokens.add(accessToken);
        return [
          200,
          { access_token: accessToken, expires_in: this.appTokenLifetime, token_type: 'Application Access Token' },
        ];
      }
      default:
        return oauthError(
          400,
          'unsupported_grant_type',
          'grant type in request is not supported by the authorization server',
        );
    }
  }
}

function token(): string {
  return randomBytes(24).toString('base64url');
}
