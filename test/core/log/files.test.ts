import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pruneLogs, tailLogs } from '../../../src/main/core/log/files';
import { rememberSecret, scrub } from '../../../src/main/core/log/scrub';
import { tempDir } from '../../support/temp-dir';

const day = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const daysAgo = (now: Date, n: number) => {
  const d = new Date(now);
  d.setDate(d.getDate() - n);
  return day(d);
};

describe('the log folder', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => (dir = await tempDir()));
  afterEach(() => dir.remove());

  it('keeps the last seven days and removes older files, leaving other files alone', async () => {
    const now = new Date(2026, 5, 15, 12);
    const names = [0, 1, 6, 7, 30].map((n) => `flipsync.${daysAgo(now, n)}.1.log`);
    for (const name of [...names, 'notes.txt']) await writeFile(path.join(dir.path, name), 'x\n');
    await pruneLogs(dir.path, path.join(dir.path, names[0] as string), now);
    expect((await readdir(dir.path)).sort()).toEqual([...names.slice(0, 3), 'notes.txt'].sort());
  });

  it('removes the oldest files beyond the total size cap, never the file being written', async () => {
    const now = new Date(2026, 5, 15, 12);
    const cap = 3000;
    const big = 'x'.repeat(cap / 3 + 1);
    const today = `flipsync.${day(now)}.2.log`;
    const earlier = [`flipsync.${day(now)}.1.log`, `flipsync.${daysAgo(now, 1)}.1.log`];
    for (const name of [today, ...earlier]) await writeFile(path.join(dir.path, name), big);
    await pruneLogs(dir.path, path.join(dir.path, today), now, cap);
    expect((await readdir(dir.path)).sort()).toEqual([today, earlier[0]].sort());
  });

  it('reads the last lines across files, oldest first', async () => {
    await writeFile(path.join(dir.path, 'flipsync.2026-06-14.1.log'), 'a\nb\n');
    await writeFile(path.join(dir.path, 'flipsync.2026-06-15.1.log'), 'c\n');
    await writeFile(path.join(dir.path, 'flipsync.2026-06-15.2.log'), 'd\ne\n');
    expect(await tailLogs(dir.path, 4)).toEqual(['b', 'c', 'd', 'e']);
    expect(await tailLogs(dir.path, 10)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

describe('the redaction rule', () => {
  it('takes out known secrets as written, JSON-escaped and base64-encoded', () => {
    rememberSecret('pa"ss\\word-canary');
    const json = JSON.stringify({ said: 'pa"ss\\word-canary' });
    expect(scrub(json)).not.toContain('word-canary');
    expect(scrub(`x ${Buffer.from('pa"ss\\word-canary').toString('base64')} y`)).toBe('x [redacted] y');
  });

  it('takes out bearer tokens, basic credentials, address credentials, key shapes and secret-named fields', () => {
    const basic = Buffer.from('seller:hunter22').toString('base64');
    expect(scrub('Authorization: Bearer abc.def-123')).toBe('Authorization: Bearer [redacted]');
    expect(scrub(`authorization: Basic ${basic}`)).toBe('authorization: Basic [redacted]');
    expect(scrub('via https://user:pw@proxy.local:8080/')).toBe('via https://[redacted]@proxy.local:8080/');
    expect(scrub('key sk-proj-abcdef123456 here')).toBe('key [redacted] here');
    expect(scrub('{"refresh_token":"v^1.1#i","password":"p","apiKey":"k"}')).toBe(
      '{"refresh_token":"[redacted]","password":"[redacted]","apiKey":"[redacted]"}',
    );
    expect(scrub('?code=1&access_token=xyz&b=2')).toBe('?code=1&access_token=[redacted]&b=2');
  });

  it('leaves ordinary words and figures alone', () => {
    const text = 'Basic settings saved; inputTokens: 12, Bearer of bad news';
    expect(scrub(text)).toBe(text);
  });
});
