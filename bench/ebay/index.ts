/**
 * eBay import: N site listings (default 10,000; EBAY_BENCH_LISTINGS to change) imported from
 * the eBay double through core (Trading pages, GetItem each, matching, PouchDB writes, the
 * checkpoint), against a raw paged fetch of the same responses in the same run (same pages,
 * same GetItem calls, same parallelism, bodies read and nothing else). The double runs in its
 * own process, as eBay runs on its own servers (double-process.ts says why). Then orders in
 * (orders.ts): 10,000 orders taken in as sales beside a raw paged fetch of them; and the time
 * from a sale recorded here to eBay accepting the new quantity (sale-latency.ts); and 1,000
 * queued quantity updates drained once sending is on again (drain.ts).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import { inProcess, startCore } from '../../test/support/core';
import { consent } from '../../test/support/ebay/harness';
import { tempDir } from '../../test/support/temp-dir';
import type { Benchmark } from '../harness';
import { startRemoteDouble } from './double-process';
import { drainQueued } from './drain';
import { ordersIn } from './orders';
import { saleLatency } from './sale-latency';

const COUNT = Number(process.env.EBAY_BENCH_LISTINGS ?? 10_000);
const ORDERS = Number(process.env.EBAY_BENCH_ORDERS ?? 10_000);
const DRAIN = Number(process.env.EBAY_BENCH_DRAIN ?? 1_000);
const PAGE = 200;
const PARALLEL = 4;

async function raw(origin: string, token: string, agent: Agent): Promise<void> {
  const post = (call: string, body: string) =>
    undiciFetch(`${origin}/ws/api.dll`, {
      method: 'POST',
      dispatcher: agent,
      headers: {
        'content-type': 'text/xml',
        'x-ebay-api-call-name': call,
        'x-ebay-api-siteid': '0',
        'x-ebay-api-compatibility-level': '1349',
        'x-ebay-api-iaf-token': token,
      },
      body: `<?xml version="1.0" encoding="utf-8"?><${call}Request xmlns="urn:ebay:apis:eBLBaseComponents">${body}</${call}Request>`,
    }).then((r) => r.text());
  for (let page = 1; ; page++) {
    const xml = await post(
      'GetMyeBaySelling',
      `<ActiveList><Include>true</Include><Pagination><EntriesPerPage>${PAGE}</EntriesPerPage><PageNumber>${page}</PageNumber></Pagination></ActiveList><DetailLevel>ReturnAll</DetailLevel>`,
    );
    const ids = [...xml.matchAll(/<ItemID>(\d+)<\/ItemID>/g)].map((m) => m[1]!);
    let next = 0;
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        while (next < ids.length)
          await post('GetItem', `<ItemID>${ids[next++]}</ItemID><DetailLevel>ReturnAll</DetailLevel>`);
      }),
    );
    const pages = Number(/<TotalNumberOfPages>(\d+)</.exec(xml)?.[1] ?? 0);
    if (page >= pages) return;
  }
}

async function writeRoot(dir: string, pem: string): Promise<string> {
  const file = path.join(dir, 'bench-root-ca.pem');
  await writeFile(file, pem);
  return file;
}

const bench: Benchmark = {
  area: 'ebay',
  async run() {
    const ebay = await startRemoteDouble(COUNT);
    const app = ebay.app;
    const agent = new Agent({ connect: { ca: ebay.rootPem } });
    const browser = ((input: string, init?: RequestInit) =>
      undiciFetch(input, { ...(init as object), dispatcher: agent, redirect: 'manual' })) as unknown as typeof fetch;
    const dir = await tempDir();
    const core = await startCore(dir.path);
    const call = async (route: string, input: unknown) => {
      const r = (await core.dispatch(route as never, input as never, inProcess)) as {
        ok: boolean;
        data?: unknown;
        error?: { message: string };
      };
      if (!r.ok) throw new Error(r.error?.message);
      return r.data as never;
    };
    try {
      await call('settings.set', {
        ai: { caFile: await writeRoot(dir.path, ebay.rootPem) },
        ebay: {
          apiBase: ebay.origin,
          authBase: ebay.origin,
          signIn: 'own-keys',
          clientId: app.clientId,
          ruName: app.ruName,
          // The figure is the listings against the same listing calls; pictures are their own work.
          importPictures: false,
        },
      });
      await call('ebay.setClientSecret', { secret: app.clientSecret });
      const { url } = (await call('ebay.connect.begin', {})) as { url: string };
      await call('ebay.connect.complete', { url: await consent(browser, url) });
      const token = await ebay.newestAccessToken();

      let t = performance.now();
      await raw(ebay.origin, token, agent);
      const rawMs = performance.now() - t;

      t = performance.now();
      await call('ebay.import.start', {});
      await core.ebay.importer.idle();
      const importMs = performance.now() - t;
      const status = (await call('ebay.import.status', {})) as { created: number };
      if (status.created !== COUNT) throw new Error(`imported ${status.created} of ${COUNT}`);
      const violations = await ebay.violations();
      if (violations.length > 0) throw new Error(`requests that break eBay's contract: ${violations.join('; ')}`);
      const ratio = importMs / rawMs;
      const bench = { core, ebay, agent, call };
      const latency = await saleLatency(bench);
      const orders = await ordersIn(bench, Math.min(ORDERS, COUNT - 1));
      const drained = await drainQueued(bench, Math.min(DRAIN, COUNT));
      const later = await ebay.violations();
      if (later.length > 0) throw new Error(`requests that break eBay's contract: ${later.join('; ')}`);
      return [
        {
          area: 'ebay',
          figure: `import ${COUNT.toLocaleString()} site listings`,
          value: importMs,
          unit: 'ms',
          reference: 'raw paged fetch of the same responses',
          referenceValue: rawMs,
          ratio,
          target: '≤ 1.3× raw fetch',
          met: ratio <= 1.3,
        },
        latency,
        ...orders,
        ...drained,
      ];
    } finally {
      await core.close();
      await ebay.close();
      await agent.close();
      await dir.remove();
    }
  },
};

export default bench;
