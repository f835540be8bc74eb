/** Reads what a core wrote to `<data folder>/logs/`, as a seller sending it to support would. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export async function readLog(dataDir: string): Promise<string> {
  const dir = path.join(dataDir, 'logs');
  const files = (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.log')).sort();
  return (await Promise.all(files.map((f) => readFile(path.join(dir, f), 'utf8')))).join('');
}

export const logLines = async (dataDir: string) =>
  (await readLog(dataDir))
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown> & { msg: string; area: string });
