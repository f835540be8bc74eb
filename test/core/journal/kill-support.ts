/**
 * Runs the kill child (kill-child.ts) and kills it with SIGKILL once it has written a chosen
 * number of documents: kill points are conditions on the child's own progress, never timers.
 */
import { fork } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../../../src/main/core/db/open';

const CHILD = path.join(import.meta.dirname, 'kill-child.ts');
const ROOT = path.join(import.meta.dirname, '..', '..', '..');

export interface ChildRun {
  /** Documents written when the child was killed (or in all, when it finished first). */
  writes: number;
  /** The child answered before the kill landed. */
  finished: boolean;
  result?: unknown;
}

/** Runs `job.route` in a child core on `dir`; kills it at `killAt` items written (never, when null). */
export async function runChild(
  dir: string,
  job: { route: string; input: unknown; step?: number },
  killAt: number | null,
): Promise<ChildRun> {
  await mkdir(dir, { recursive: true });
  const jobFile = path.join(dir, 'kill-job.json');
  await writeFile(jobFile, JSON.stringify(job));
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], {
      cwd: ROOT,
      execArgv: ['--import', 'tsx'],
      env: {
        ...process.env,
        TSX_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.node.json'),
        FLIPSYNC_KILL_DIR: dir,
        FLIPSYNC_KILL_JOB: jobFile,
      },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
    const run: ChildRun = { writes: 0, finished: false };
    let killed = false;
    const kill = () => {
      if (killed) return;
      killed = true;
      child.kill('SIGKILL');
    };
    child.on('message', (message: { writes?: number; done?: boolean; result?: unknown; failed?: string }) => {
      if (message.failed) {
        reject(new Error(`The child core failed: ${message.failed}`));
        kill();
        return;
      }
      if (killed) return;
      if (message.writes !== undefined) run.writes = message.writes;
      if (message.done) {
        run.finished = true;
        run.result = message.result;
        kill();
      } else if (killAt !== null && run.writes >= killAt) kill();
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(run);
      else reject(new Error(`The child core exited (${code ?? signal}) before it was killed: ${stderr.slice(-2000)}`));
    });
  });
}

/** A seeded random source (mulberry32), so a failing kill point can be run again. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Doc {
  _id: string;
  type?: string;
  itemId?: string;
  delta?: number;
  fields?: { sku: string; listPrice: number | null; title: string };
}

/** What the inventory database holds, read straight from it: items by SKU, stock from movements. */
export async function readInventory(db: Database) {
  {
    const all = await db.allDocs<Doc>({ include_docs: true });
    const stock = new Map<string, number>();
    const items: { id: string; sku: string; title: string; listPrice: number | null }[] = [];
    for (const row of all.rows) {
      const doc = row.doc!;
      if (doc.type === 'move') stock.set(doc.itemId!, (stock.get(doc.itemId!) ?? 0) + doc.delta!);
      if (doc.type === 'item') items.push({ id: doc._id, ...doc.fields! });
    }
    const info = await db.info();
    return {
      seq: info.update_seq,
      items: items.map((item) => ({ ...item, quantity: stock.get(item.id) ?? 0 })),
    };
  }
}
