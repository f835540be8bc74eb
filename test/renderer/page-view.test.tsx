/**
 * A page whose code cannot be fetched (browser mode restarted with a newer build, so the old
 * chunk names are gone) says so and offers the reload, instead of a blank window.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PageView } from '../../src/renderer/src/pages/PageView';

vi.mock('../../src/renderer/src/pages/agents/AgentsPage', () => {
  throw new Error('Failed to fetch dynamically imported module: /assets/AgentsPage-old.js');
});

afterEach(cleanup);

describe('a page that cannot load', () => {
  it('says which page could not be opened and offers the reload', async () => {
    // React reports the error it hands to the boundary; that report is expected here.
    const report = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(<PageView page="agents" />);
    expect(screen.getByRole('status').textContent).toBe('Opening Agents…');
    expect(await screen.findByRole('heading', { name: 'Agents could not be opened' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Reload FlipSync' })).toBeTruthy();
    report.mockRestore();
  });
});
