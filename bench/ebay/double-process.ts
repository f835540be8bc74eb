/**
 * The eBay double in a process of its own, for the benchmark. eBay's servers do their work on
 * other machines; a double in the benchmark's own process would make the import pay for the
 * server's XML and contract checks on its own event loop, which the raw reference (which only
 * waits) does not. Run as a child: answers {origin, rootPem, app} once listening, and the
 * newest access token on request. Waiting for quantity updates happens in the child, which
 * answers once they are there: asking for the whole list every few milliseconds would have
 * both processes copy a list that grows with every update, and charge that to the figure.
 */
import { fork } from 'node:child_process';
import path from 'node:path';
import { seedOrders, seedSite, startEbayDouble, type DoubleApp } from '../../test/support/ebay/index';
import { createTestCa } from '../../test/support/tls-ca';

type FromChild =
  | { type: 'ready'; origin: string; rootPem: string; app: DoubleApp }
  | { type: 'token'; token: string }
  | { type: 'violations'; violations: string[] }
  | { type: 'seeded'; orders: number }
  | { type: 'count'; count: number }
  | { type: 'reached'; ok: boolean };

/** Updates after the first `from`: `count` of them, or (with `listing`) one of that listing. */
interface Awaited {
  from: number;
  count?: number;
  listing?: string;
  timeoutMs: number;
}

export interface RemoteDouble {
  origin: string;
  rootPem: string;
  app: DoubleApp;
  newestAccessToken(): Promise<string>;
  violations(): Promise<string[]>;
  /** Places `count` orders (lines for site listings 1 to count + 1), modified a minute ago. */
  seedOrders(count: number): Promise<void>;
  /** How many quantity updates eBay accepted so far. */
  updateCount(): Promise<number>;
  /** Resolves once eBay has accepted the updates described; false when it timed out. */
  updatesArrived(wanted: Awaited): Promise<boolean>;
  close(): Promise<void>;
}

/** Starts the double with `listings` site listings in a child process. */
export function startRemoteDouble(listings: number): Promise<RemoteDouble> {
  const root = path.resolve(import.meta.dirname, '../..');
  const child = fork(import.meta.filename, ['--child', String(listings)], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.node.json') },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T extends FromChild['type']>(type: T) =>
    new Promise<Extract<FromChild, { type: T }>>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the eBay double process ended (${code})`));
      const onMessage = (m: FromChild) => {
        if (m.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m as Extract<FromChild, { type: T }>);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  return next('ready').then(({ origin, rootPem, app }) => ({
    origin,
    rootPem,
    app,
    newestAccessToken: async () => {
      const answer = next('token');
      child.send('token');
      return (await answer).token;
    },
    violations: async () => {
      const answer = next('violations');
      child.send('violations');
      return (await answer).violations;
    },
    updateCount: async () => {
      const answer = next('count');
      child.send('count');
      return (await answer).count;
    },
    updatesArrived: async (wanted: Awaited) => {
      const answer = next('reached');
      child.send({ until: wanted });
      return (await answer).ok;
    },
    seedOrders: async (count: number) => {
      const answer = next('seeded');
      child.send(`orders:${count}`);
      await answer;
    },
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  }));
}

if (process.argv[2] === '--child') {
  const ca = await createTestCa('bench');
  const ebay = await startEbayDouble(ca);
  const app = ebay.addApp({ clientId: 'bench', clientSecret: 'bench-secret', ruName: 'Bench-RuName' });
  seedSite(ebay.state, Number(process.argv[3]));
  process.on('message', (m) => {
    if (m === 'token') process.send!({ type: 'token', token: [...ebay.state.accessTokens.keys()].at(-1) ?? '' });
    if (m === 'violations') process.send!({ type: 'violations', violations: ebay.violations });
    if (m === 'count') process.send!({ type: 'count', count: ebay.state.quantityUpdates.length });
    if (typeof m === 'object' && m && 'until' in m) {
      const { from, count, listing, timeoutMs } = (m as { until: Awaited }).until;
      const updates = ebay.state.quantityUpdates;
      const there = () =>
        listing === undefined
          ? updates.length - from >= (count ?? 1)
          : updates.slice(from).some((u) => u.listing === listing);
      const deadline = Date.now() + timeoutMs;
      const check = () => {
        if (there() || Date.now() > deadline) process.send!({ type: 'reached', ok: there() });
        else setTimeout(check, 1);
      };
      check();
    }
    if (typeof m === 'string' && m.startsWith('orders:')) {
      const count = Number(m.slice('orders:'.length));
      seedOrders(ebay.state, count, 1);
      process.send!({ type: 'seeded', orders: count });
    }
  });
  process.send!({ type: 'ready', origin: ebay.origin, rootPem: ca.rootPem, app });
}
