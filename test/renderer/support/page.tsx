/**
 * The one set-up for renderer page tests: a real core on a temp LevelDB folder, reached
 * through the in-process transport, every renderer store back where a fresh window starts,
 * and the window on the page under test. Only the wire and the Electron shell are missing.
 */
import { cleanup, render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach } from 'vitest';
import { setTransport, type Transport } from '../../../src/renderer/src/api/transport';
import { App } from '../../../src/renderer/src/App';
import { loadPage } from '../../../src/renderer/src/pages/PageView';
import { PAGES } from '../../../src/renderer/src/pages/registry';
import type { Core } from '../../../src/main/core/core';
import type { RouteInput, RouteName, RouteOutput } from '../../../src/shared/api';
import { inProcess, startCore } from '../../support/core';
import { tempDir } from '../../support/temp-dir';
import { inProcessTransport } from './in-process-transport';
import { resetStores } from './stores';

export interface PageOptions {
  /** The hash route the window opens on, e.g. `#/agents`. */
  hash: string;
  /** Wraps the in-process transport, for a test that needs to act on the wire (e.g. hold events). */
  transport?: (inner: Transport) => Transport;
}

export interface PageHarness {
  core: Core;
  /** A route called on the core as the renderer would, its data returned or its error thrown. */
  call<R extends RouteName>(route: R, input: RouteInput<R>): Promise<RouteOutput<R>>;
  /** Renders the whole app on the page and returns a user-event session to drive it. */
  render(): ReturnType<typeof userEvent.setup>;
  close(): Promise<void>;
}

export async function callCore<R extends RouteName>(
  core: Core,
  route: R,
  input: RouteInput<R>,
): Promise<RouteOutput<R>> {
  const result = await core.dispatch(route, input, inProcess);
  if (!result.ok) throw new Error(`${route}: ${result.error.message}`);
  return result.data as RouteOutput<R>;
}

export async function startPage(options: PageOptions): Promise<PageHarness> {
  // Pages load lazily in the app; here every page is fetched first so a test sees the page it
  // opens (or navigates to) at once, as in a window that has visited it before.
  await Promise.all(PAGES.map((page) => loadPage(page.id)));
  const dir = await tempDir();
  const core = await startCore(dir.path);
  const inner = inProcessTransport(core);
  setTransport(options.transport ? options.transport(inner) : inner);
  resetStores();
  window.location.hash = options.hash;
  return {
    core,
    call: (route, input) => callCore(core, route, input),
    render: () => {
      const user = userEvent.setup();
      render(<App />);
      return user;
    },
    close: async () => {
      cleanup();
      setTransport(null);
      await core.close();
      await dir.remove();
    },
  };
}

/**
 * A fresh harness for each test of the enclosing describe block, closed after it; read its
 * fields inside tests. Its `afterEach` is registered first, so it runs after the test's own
 * (vitest runs after-hooks in reverse), which may still need the core.
 */
export function eachTest<H extends { close(): Promise<void> }>(start: () => Promise<H>): H {
  let current: H | null = null;
  beforeEach(async () => {
    current = await start();
  });
  afterEach(async () => {
    await current?.close();
    current = null;
  });
  return new Proxy({} as H, {
    get: (_, key) => {
      if (!current) throw new Error('The page harness exists only while a test runs.');
      return current[key as keyof H];
    },
  });
}

export const pageForEachTest = (options: PageOptions): PageHarness => eachTest(() => startPage(options));
