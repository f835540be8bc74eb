import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppInfo } from '../../../src/shared/api';
import { coreForEachTest, inProcess } from '../../support/core';

async function logText(dir: string): Promise<string> {
  const logs = path.join(dir, 'logs');
  const files = (await readdir(logs)).filter((f) => f.endsWith('.log'));
  return (await Promise.all(files.map((f) => readFile(path.join(logs, f), 'utf8')))).join('');
}

describe('the log file', () => {
  const h = coreForEachTest();

  it("is one file for today under the data folder's logs/, JSON lines from start to close", async () => {
    const info = (await h.core.dispatch('app.info', {}, inProcess)) as { ok: true; data: AppInfo };
    expect(info.data.logDir).toBe(path.join(h.dir, 'logs'));
    await h.core.close();
    const files = await readdir(path.join(h.dir, 'logs'));
    const d = new Date();
    const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    expect(files).toEqual([`flipsync.${today}.1.log`]);
    const lines = (await logText(h.dir))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.at(0)).toMatchObject({ level: 'info', area: 'core', msg: 'FlipSync started' });
    expect(lines.at(-1)).toMatchObject({ level: 'info', area: 'core', msg: 'FlipSync stopped' });
  });

  it('gives every refused call a short reference that the log line about it carries', async () => {
    const refused = await h.core.dispatch('settings.set', { general: { dailyBudgetUsd: -5 } }, inProcess);
    expect(refused.ok).toBe(false);
    const id = !refused.ok ? refused.error.id : undefined;
    expect(id).toMatch(/^[0-9a-f]{8}$/);
    const missing = await h.core.dispatch('no.such.route', {}, inProcess);
    const other = !missing.ok ? missing.error.id : undefined;
    expect(other).toMatch(/^[0-9a-f]{8}$/);
    expect(other).not.toBe(id);
    await h.core.close();
    const lines = (await logText(h.dir))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.ref === id)).toMatchObject({
      level: 'warn',
      route: 'settings.set',
      code: 'INVALID_INPUT',
    });
    expect(lines.find((l) => l.ref === other)).toMatchObject({ code: 'UNKNOWN_ROUTE' });
  });
});
