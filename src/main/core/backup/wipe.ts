/**
 * "Delete everything" in two steps: the confirmation leaves a marker in the data folder, and
 * the next start removes the data before any database opens. The running app keeps its
 * databases open until then (they cannot be deleted under it on every system), and deleting
 * documents instead would send the deletions to the sync server and empty every device.
 */
import { rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

const MARKER = 'delete-everything.pending';
/** What FlipSync keeps in its data folder; the default `backups` folder is left alone. */
const CONTENT = ['db', 'photos', 'cache', 'secrets'];

export const markDeletePending = (dataDir: string) =>
  writeFile(path.join(dataDir, MARKER), `Requested ${new Date().toISOString()}\n`);

export const isDeletePending = (dataDir: string) =>
  stat(path.join(dataDir, MARKER)).then(
    () => true,
    () => false,
  );

/** Removes the data if the seller asked for it; true when it did. */
export async function finishPendingDelete(dataDir: string): Promise<boolean> {
  if (!(await isDeletePending(dataDir))) return false;
  for (const name of CONTENT) await rm(path.join(dataDir, name), { recursive: true, force: true });
  await rm(path.join(dataDir, MARKER), { force: true });
  return true;
}
