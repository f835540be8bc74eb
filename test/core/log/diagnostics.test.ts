import { appendFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coreForEachTest, inProcess } from '../../support/core';

describe('app.diagnostics', () => {
  const h = coreForEachTest();
  const call = (route: string, input?: unknown) => h.core.dispatch(route, input, inProcess);

  it('holds versions, folders, settings and the last 200 log lines, and no secret', async () => {
    const key = 'sk-diagnostics-canary-0123456789';
    const password = 'diagnostics-canary-password';
    expect(await call('ai.setKey', { key })).toMatchObject({ ok: true });
    // Saved with the sync settings (the server need not answer for the password to be stored).
    await call('sync.configure', { url: 'http://127.0.0.1:9', username: 'seller', password, enabled: false });
    await call('settings.set', { general: { theme: 'dark' } });
    // 250 refused calls, each logged with its reference: only the last 200 lines are copied.
    const refs: string[] = [];
    for (let i = 0; i < 250; i++) {
      const r = await call('no.such.route');
      if (!r.ok && r.error.id) refs.push(r.error.id);
    }
    // A line an older FlipSync wrote before the rule knew this key: copied out without it.
    const logs = path.join(h.dir, 'logs');
    const [file] = await readdir(logs);
    await appendFile(path.join(logs, file as string), `{"msg":"old line with ${key} and ${password}"}\n`);
    const result = await call('app.diagnostics', {});
    expect(result.ok).toBe(true);
    const { text } = (result as { data: { text: string } }).data;

    expect(text).toContain('FlipSync: 0.0.0-test (browser mode)');
    expect(text).toContain(`Node: ${process.versions.node}`);
    expect(text).toContain(`Data folder: ${h.dir}`);
    expect(text).toContain('"theme": "dark"');
    expect(text).toContain('Last 200 log lines:');
    expect(text).toContain(refs.at(-1));
    expect(text).toContain('"msg":"old line with [redacted] and [redacted]"');
    expect(text).not.toContain(refs[0]);
    expect(text).not.toContain(key);
    expect(text).not.toContain(password);
  });
});
