import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRelayConfig, RelayConfigError } from '../../src/relay/config';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SECRET = 'PRD-config-canary-secret-77aa';

const production = {
  EBAY_PRODUCTION_CLIENT_ID: 'FlipSync-PRD-1',
  EBAY_PRODUCTION_CLIENT_SECRET: SECRET,
  EBAY_PRODUCTION_RUNAME: 'FlipSync-PRD-runame',
  EBAY_VERIFICATION_TOKEN: 'verification_token_0123456789abcdef_xyz',
  EBAY_DELETION_ENDPOINT_URL: 'https://relay.flipsync.test/ebay/account-deletion',
};

function problems(env: Record<string, string>): string[] {
  try {
    loadRelayConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(RelayConfigError);
    expect((err as Error).message).not.toContain(SECRET);
    return (err as RelayConfigError).problems;
  }
  throw new Error('expected the configuration to be refused');
}

describe('relay configuration', () => {
  it('reads a production keyset with eBay’s hosts and the defaults', () => {
    const config = loadRelayConfig(production);
    expect(config.keysets.production).toMatchObject({
      clientId: 'FlipSync-PRD-1',
      ruName: 'FlipSync-PRD-runame',
      apiBase: 'https://api.ebay.com',
      authBase: 'https://auth.ebay.com',
    });
    expect(config.keysets.sandbox).toBeUndefined();
    expect(config).toMatchObject({ rateLimitPerMinute: 60, port: 8080, host: '127.0.0.1', clientIpHeader: null });
    const sandbox = loadRelayConfig({
      EBAY_SANDBOX_CLIENT_ID: 'a',
      EBAY_SANDBOX_CLIENT_SECRET: 'b',
      EBAY_SANDBOX_RUNAME: 'c',
    });
    expect(sandbox.keysets.sandbox).toMatchObject({
      apiBase: 'https://api.sandbox.ebay.com',
      authBase: 'https://auth.sandbox.ebay.com',
    });
    expect(sandbox.deletion).toBeNull();
  });

  it('names each missing or malformed variable, never its value', () => {
    expect(problems({})).toEqual([expect.stringContaining('no eBay keyset is configured')]);
    expect(problems({ ...production, EBAY_PRODUCTION_CLIENT_SECRET: '' })).toEqual([
      'EBAY_PRODUCTION_CLIENT_SECRET is missing: set all three EBAY_PRODUCTION_* variables, or none of them to leave production out',
    ]);
    expect(problems({ ...production, EBAY_VERIFICATION_TOKEN: '' })).toEqual([
      expect.stringMatching(/^EBAY_VERIFICATION_TOKEN is missing: marketplace account deletion needs both/),
    ]);
    const { EBAY_VERIFICATION_TOKEN: _t, EBAY_DELETION_ENDPOINT_URL: _u, ...noDeletion } = production;
    expect(problems(noDeletion)).toEqual([expect.stringContaining('eBay requires a production keyset to answer')]);
    expect(
      problems({
        ...production,
        EBAY_VERIFICATION_TOKEN: `short-${SECRET}!`,
        EBAY_DELETION_ENDPOINT_URL: `http://insecure.example/${SECRET}`,
        RELAY_RATE_LIMIT_PER_MINUTE: 'lots',
        PORT: '99999',
        EBAY_PRODUCTION_API_BASE: 'ftp://x',
      }),
    ).toEqual([
      'EBAY_PRODUCTION_API_BASE is not valid: expected an http(s) address',
      'EBAY_VERIFICATION_TOKEN is not valid: expected 32 to 80 letters, digits, _ or -',
      'EBAY_DELETION_ENDPOINT_URL is not valid: expected the https:// address of this relay’s /ebay/account-deletion, exactly as entered at eBay',
      'RELAY_RATE_LIMIT_PER_MINUTE is not valid: expected a whole number from 1 to 100000',
      'PORT is not valid: expected a port number from 0 to 65535',
    ]);
  });
});

function run(env: Record<string, string>): {
  stop(): void;
  output: Promise<{ code: number | null; out: string }>;
  out(): string;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/relay/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const output = new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, out })),
  );
  return { stop: () => child.kill('SIGTERM'), output, out: () => out };
}

describe('npm run relay (src/relay/main.ts)', () => {
  it('stops at start with a message naming the missing variable', async () => {
    const { output } = run({ EBAY_PRODUCTION_CLIENT_ID: 'id', EBAY_PRODUCTION_CLIENT_SECRET: SECRET });
    const { code, out } = await output;
    expect(code).toBe(1);
    expect(out).toContain('The relay cannot start');
    expect(out).toContain('EBAY_PRODUCTION_RUNAME is missing');
    expect(out).not.toContain(SECRET);
  }, 60_000);

  it('serves on the configured address and stops cleanly on SIGTERM', async () => {
    const relay = run({ ...production, HOST: '127.0.0.1', PORT: '0' });
    const listening = await new Promise<{ url: string }>((resolve, reject) => {
      const check = setInterval(() => {
        const line = relay
          .out()
          .split('\n')
          .find((l) => l.includes('"listening"'));
        if (line) {
          clearInterval(check);
          resolve(JSON.parse(line) as { url: string });
        }
      }, 50);
      void relay.output.then(({ out }) => {
        clearInterval(check);
        reject(new Error(`relay exited: ${out}`));
      });
    });
    expect(listening.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${listening.url}/v1/health`);
    expect(await health.json()).toEqual({ ok: true, environments: ['production'] });
    relay.stop();
    const { code, out } = await relay.output;
    expect(code).toBe(0);
    expect(out).not.toContain(SECRET);
  }, 60_000);
});
