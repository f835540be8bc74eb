import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCa, type TestCa } from '../../support/tls-ca';
import { startOpenAiServer, type OpenAiServer } from '../../support/openai-server';
import { tempDir } from '../../support/temp-dir';

const run = promisify(execFile);
const probe = path.join(import.meta.dirname, 'fixtures', 'probe-system-store.ts');

/**
 * The production reader of the OS store, pointed at a store this test controls. On Linux,
 * Node reads the OS store through OpenSSL, which honours SSL_CERT_FILE / SSL_CERT_DIR at
 * start-up, so a child process gets a store of our making and the machine's stays untouched.
 */
describe.skipIf(process.platform !== 'linux')('AI trust: the operating system certificate store', () => {
  let ca: TestCa;
  let server: OpenAiServer;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    ca = await createTestCa('OS Store');
    server = await startOpenAiServer({ tls: await ca.issue() });
    dir = await tempDir();
    await mkdir(path.join(dir.path, 'empty'));
  });
  afterAll(async () => {
    await server.close();
    await dir.remove();
  });

  const fetchWithStore = async (certFile: string) => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', probe, `${server.baseUrl}/models`], {
      env: { ...process.env, SSL_CERT_FILE: certFile, SSL_CERT_DIR: path.join(dir.path, 'empty') },
      cwd: path.resolve(import.meta.dirname, '../../..'),
    });
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
      status?: number;
      codes?: string[];
      counts: { system: number };
    };
  };

  it('trusts a CA that is in the OS store', async () => {
    const store = path.join(dir.path, 'with-ca.pem');
    await writeFile(store, ca.rootPem);
    const result = await fetchWithStore(store);
    expect(result).toMatchObject({ status: 200, counts: { system: 1 } });
  });

  it('does not trust it when the OS store lacks it', async () => {
    const store = path.join(dir.path, 'without-ca.pem');
    await writeFile(store, (await createTestCa('Someone Else')).rootPem);
    const result = await fetchWithStore(store);
    expect(result.status).toBeUndefined();
    expect(result.codes).toContain('UNABLE_TO_GET_ISSUER_CERT_LOCALLY');
  });
});
