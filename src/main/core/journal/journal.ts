/**
 * The operations journal: work that writes many documents (a CSV import, a bulk edit)
 * records its intent here, in the local-only database, before it writes anything. Every
 * document it writes names the operation id, and what it applies is computed from the
 * recorded intent, so doing it again gives the same result: a kill at any moment is undone
 * by resuming the operation at the next start (see resume.ts).
 */
import { mkdir, readFile, rm, writeFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { ulid } from 'ulid';
import type { OperationKind, OperationSummary } from '@shared/api/operations';
import type { Database } from '../db/open';

const PREFIX = 'op:';
/** Finished operations kept (their parts hold the values before, for a later undo). */
const KEEP_FINISHED = 20;

export interface OperationDoc {
  _id: string;
  _rev?: string;
  type: 'operation';
  kind: OperationKind;
  /** What the seller asked for, in words ("+10% on list price of 17,000 items"). */
  title: string;
  state: 'running' | 'done';
  parts: number;
  /** Inputs that are not per-document (an import's mapping and options). */
  input: Record<string, unknown>;
  startedAt: string;
  finishedAt?: string;
  /** Set when a start of FlipSync finished what a kill interrupted. */
  resumedAt?: string;
  /** The seller has read what the resume did. */
  dismissed?: boolean;
  /** A bulk edit the seller undid: the undo's operation id. */
  undoneBy?: string;
  result?: Record<string, unknown>;
}

export interface PartDoc<T> {
  _id: string;
  type: 'operation-part';
  items: T[];
}

const partId = (id: string, n: number) => `${PREFIX}${id}:part:${String(n).padStart(6, '0')}`;
const headerId = (id: string) => `${PREFIX}${id}`;

export class Journal {
  constructor(
    private readonly db: Database,
    private readonly filesDir: string,
    private readonly onChange: (id: string, state: OperationDoc['state']) => void = () => undefined,
  ) {}

  /** A new operation id; callers may make it up front (the renderer's retry sends the same). */
  static newId(): string {
    return ulid();
  }

  /**
   * Records the intent: header and parts in one bulkDocs call (one LevelDB batch), so an
   * operation is either fully described or not there at all. A file (an import's CSV text)
   * is written first: a header never names a file that is not on disk.
   */
  async begin<T>(
    id: string,
    kind: OperationKind,
    title: string,
    input: Record<string, unknown>,
    parts: T[][],
    file?: string,
  ): Promise<OperationDoc> {
    if (file !== undefined) {
      await mkdir(this.filesDir, { recursive: true });
      await writeFile(this.filePath(id), file, 'utf8');
    }
    const header: OperationDoc = {
      _id: headerId(id),
      type: 'operation',
      kind,
      title,
      state: 'running',
      parts: parts.length,
      input,
      startedAt: new Date().toISOString(),
    };
    const docs = [header, ...parts.map((items, n) => ({ _id: partId(id, n), type: 'operation-part', items }))];
    const results = await this.db.bulkDocs(docs);
    const failed = results.find((r) => !('ok' in r && r.ok));
    if (failed) throw new Error(`The operations journal refused a write: ${(failed as Error).message}`);
    header._rev = (results[0] as PouchDB.Core.Response).rev;
    this.onChange(id, 'running');
    return header;
  }

  async get(id: string): Promise<OperationDoc | null> {
    try {
      return await this.db.get<OperationDoc>(headerId(id));
    } catch (error) {
      if ((error as { status?: number }).status === 404) return null;
      throw error;
    }
  }

  async part<T>(id: string, n: number): Promise<T[]> {
    return (await this.db.get<PartDoc<T>>(partId(id, n))).items;
  }

  file(id: string): Promise<string> {
    return readFile(this.filePath(id), 'utf8');
  }

  /** Marks the operation done with its result; its file is no longer needed. */
  async finish(id: string, result: Record<string, unknown>, resumed: boolean): Promise<OperationDoc> {
    const doc = (await this.get(id))!;
    const next: OperationDoc = { ...doc, state: 'done', finishedAt: new Date().toISOString(), result };
    if (resumed && !next.resumedAt) next.resumedAt = next.finishedAt;
    next._rev = (await this.db.put(next)).rev;
    await rm(this.filePath(id), { force: true });
    this.onChange(id, 'done');
    return next;
  }

  /** Marks an operation a start of FlipSync is finishing, so the seller is told. */
  async resuming(doc: OperationDoc): Promise<OperationDoc> {
    const next = { ...doc, resumedAt: new Date().toISOString() };
    next._rev = (await this.db.put(next)).rev;
    this.onChange(doc._id.slice(PREFIX.length), 'running');
    return next;
  }

  /** Records a fact about a finished operation (that it was undone). */
  async mark(id: string, patch: Pick<OperationDoc, 'undoneBy'>): Promise<void> {
    const doc = await this.get(id);
    if (!doc) return;
    await this.db.put({ ...doc, ...patch });
    this.onChange(id, doc.state);
  }

  async dismiss(id: string): Promise<void> {
    const doc = await this.get(id);
    if (!doc || doc.dismissed) return;
    await this.db.put({ ...doc, dismissed: true });
    this.onChange(id, doc.state);
  }

  async all(): Promise<OperationDoc[]> {
    const res = await this.db.allDocs<OperationDoc>({
      startkey: PREFIX,
      endkey: `${PREFIX}\uffff`,
      include_docs: true,
    });
    return res.rows.flatMap((r) => (r.doc?.type === 'operation' ? [r.doc] : []));
  }

  /**
   * Keeps the newest finished operations; removes older ones with their parts, and files
   * no header names (a kill between writing the file and the header).
   */
  async prune(): Promise<void> {
    const all = await this.all();
    const finished = all.filter((d) => d.state === 'done').sort((a, b) => (a._id < b._id ? 1 : -1));
    for (const old of finished.slice(KEEP_FINISHED)) {
      const id = old._id.slice(PREFIX.length);
      const parts = Array.from({ length: old.parts }, (_, n) => partId(id, n));
      const res = await this.db.allDocs({ keys: [old._id, ...parts] });
      const gone = res.rows.flatMap((r) =>
        'value' in r && r.value && !r.value.deleted ? [{ _id: r.id, _rev: r.value.rev, _deleted: true }] : [],
      );
      await this.db.bulkDocs(gone);
    }
    const running = new Set(all.filter((d) => d.state === 'running').map((d) => d._id.slice(PREFIX.length)));
    const files = await readdir(this.filesDir).catch(() => [] as string[]);
    for (const name of files) {
      if (!running.has(path.basename(name, '.csv'))) await rm(path.join(this.filesDir, name), { force: true });
    }
  }

  private filePath(id: string): string {
    return path.join(this.filesDir, `${id}.csv`);
  }
}

export function summary(doc: OperationDoc): OperationSummary {
  return {
    id: doc._id.slice(PREFIX.length),
    kind: doc.kind,
    title: doc.title,
    state: doc.state,
    startedAt: doc.startedAt,
    finishedAt: doc.finishedAt ?? null,
    resumedAt: doc.resumedAt ?? null,
    dismissed: doc.dismissed ?? false,
    undoneBy: doc.undoneBy ?? null,
    result: (doc.result as OperationSummary['result']) ?? null,
  };
}
