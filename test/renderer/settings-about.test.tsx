import path from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { logLines } from '../core/log/read-log';
import { pageForEachTest } from './support/page';

describe('Settings → About', () => {
  const h = pageForEachTest({ hash: '#/settings' });

  it('shows the version and folders, and copies the diagnostics from the core to the clipboard', async () => {
    const key = 'sk-about-canary-0123456789';
    await h.call('ai.setKey', { key });
    const user = h.render();
    const about = within(await screen.findByRole('region', { name: 'About' }));
    const info = await h.call('app.info', {});
    await about.findByText(`${info.dataDir}`);
    expect(about.getByText(path.join(info.dataDir, 'logs'))).toBeTruthy();
    expect(about.getByText('0.0.0-test (browser mode)')).toBeTruthy();

    await user.click(about.getByRole('button', { name: 'Copy diagnostics' }));
    await waitFor(() => expect(about.getByRole('status').textContent).toBe('Copied'));
    const copied = await navigator.clipboard.readText();
    expect(copied).toContain('FlipSync: 0.0.0-test (browser mode)');
    expect(copied).toContain(`Log folder: ${path.join(info.dataDir, 'logs')}`);
    expect(copied).toMatch(/"msg":"FlipSync started"/);
    expect(copied).not.toContain(key);
  });
});

describe('an error the seller sees', () => {
  const h = pageForEachTest({ hash: '#/settings' });

  it('shows a short reference that the log line about it carries', async () => {
    const user = h.render();
    const budget = await screen.findByLabelText('Daily budget (USD)');
    await user.clear(budget);
    await user.type(budget, '-3');
    await user.click(screen.getByRole('button', { name: 'Save AI settings' }));
    const status = await screen.findByText(/^\(ref [0-9a-f]{8}\)$/);
    const ref = /[0-9a-f]{8}/.exec(status.textContent ?? '')?.[0];
    // Lines are on disk as they are logged (synchronous writes), so the file has it already.
    const logged = (await logLines(h.core.platform.dataDir)).find((l) => l.ref === ref);
    expect(logged).toMatchObject({ route: 'settings.set', code: 'INVALID_INPUT', level: 'warn' });
  });
});
