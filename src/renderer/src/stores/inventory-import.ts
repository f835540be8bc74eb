/**
 * The CSV import wizard: choose a file → preview (detected format, editable mapping) → run
 * with progress from `inventory.import.progress` → the result with every row's error.
 */
import { create } from 'zustand';
import { ulid } from 'ulid';
import {
  ImportProgressSchema,
  ImportQueueSchema,
  MAX_FILE_CHARS,
  UPLOAD_PART_CHARS,
  routes,
  type ApiError,
  type ColumnMapping,
  type ColumnTarget,
  type ImportResult,
} from '@shared/api';
import type { z } from 'zod';
import { api } from '../api/client';
import { read } from './inventory-result';
import { useInventoryTable } from './inventory-table';

const PreviewSchema = routes['inventory.import.preview'].output;
const RunSchema = routes['inventory.import.run'].output;
export type ImportPreview = z.infer<typeof PreviewSchema>;

export type ImportStep = 'choose' | 'preview' | 'running' | 'done';

interface ImportStore {
  open: boolean;
  step: ImportStep;
  fileName: string;
  /** The chosen file, sent to core in parts once; previews and the import name it. */
  uploadId: string | null;
  /** Characters of the file sent so far, while it is being sent. */
  sending: { sent: number; total: number } | null;
  preview: ImportPreview | null;
  mapping: ColumnMapping[];
  allOrNothing: boolean;
  progress: { done: number; total: number } | null;
  result: ImportResult | null;
  error: ApiError | null;
  busy: boolean;
  /** Another preview or import runs first: what it is and how many requests are ahead of ours. */
  waiting: { behind: string; ahead: number } | null;
  start(): void;
  close(): void;
  chooseFile(file: File): Promise<void>;
  setTarget(index: number, target: ColumnTarget): Promise<void>;
  setAllOrNothing(value: boolean): void;
  run(): Promise<void>;
}

const initial = {
  open: false,
  step: 'choose' as ImportStep,
  fileName: '',
  uploadId: null,
  sending: null,
  preview: null,
  mapping: [],
  allOrNothing: false,
  progress: null,
  result: null,
  error: null,
  busy: false,
  waiting: null,
};

const mb = (chars: number) => `${(chars / 1e6).toFixed(1)} MB`;

/** Bytes read per part: decoded, never more characters than a part may hold. */
const PART_BYTES = UPLOAD_PART_CHARS - 8;

/**
 * The file's text a part at a time, decoded as it is read (UTF-8, a character split between
 * parts carried over), so the window never holds the whole file: a 100M-character file was a
 * 200 MB string here, then sliced again.
 */
async function* partsOf(file: Blob): AsyncGenerator<{ text: string; bytesRead: number; last: boolean }> {
  const decoder = new TextDecoder('utf-8');
  let at = 0;
  do {
    const end = Math.min(at + PART_BYTES, file.size);
    const bytes = new Uint8Array(await file.slice(at, end).arrayBuffer());
    const last = end >= file.size;
    at = end;
    yield { text: decoder.decode(bytes, { stream: !last }), bytesRead: at, last };
  } while (at < file.size);
}

/**
 * Checked before sending: the contract takes up to 100 million characters per file. A file
 * of no more bytes cannot hold more characters; a larger one is counted (a part at a time).
 */
async function sizeProblem(file: File): Promise<ApiError | null> {
  if (file.size <= MAX_FILE_CHARS) return null;
  let chars = 0;
  for await (const part of partsOf(file)) chars += part.text.length;
  if (chars <= MAX_FILE_CHARS) return null;
  return {
    code: 'BAD_REQUEST',
    message: `${file.name} is ${mb(chars)}; one import takes at most ${mb(MAX_FILE_CHARS)}.`,
    hint: 'Split the file into smaller files (for example by category) and import each.',
  };
}

export const useImportWizard = create<ImportStore>((set, get) => {
  /** Follows core's one-at-a-time queue for this request until `stop` is called. */
  function placeInLine(id: string): () => void {
    return api.on('inventory.import.queue', (payload) => {
      const parsed = ImportQueueSchema.safeParse(payload);
      if (!parsed.success) return;
      const mine = parsed.data.waiting.find((w) => w.id === id);
      const behind = parsed.data.running?.label ?? parsed.data.waiting[0]?.label ?? 'another file';
      set({ waiting: mine ? { behind, ahead: mine.ahead } : null });
    });
  }

  /** The upload being sent; an older one still sending stops when this changes. */
  let latest = '';

  /**
   * Sends the file in parts: one call per part keeps every message under browser mode's cap,
   * and the seller sees how far it got. Returns the upload's id, or null when a part failed.
   */
  async function send(file: File): Promise<string | null> {
    const uploadId = ulid();
    latest = uploadId;
    set({ fileName: file.name, uploadId: null, preview: null, result: null, error: null, busy: true });
    set({ sending: { sent: 0, total: file.size } });
    let part = 0;
    for await (const { text, bytesRead, last } of partsOf(file)) {
      const r = await api.call('inventory.import.upload', { uploadId, part: part++, text, last });
      // A newer file was chosen meanwhile: this one is no longer wanted.
      if (latest !== uploadId || !get().open) {
        void api.call('inventory.import.discard', { uploadId });
        return null;
      }
      if (!r.ok) {
        set({ busy: false, sending: null, error: r.error });
        return null;
      }
      set({ sending: { sent: bytesRead, total: file.size } });
    }
    set({ uploadId, sending: null });
    return uploadId;
  }

  async function preview(mapping?: ColumnMapping[]) {
    const { uploadId, fileName } = get();
    if (!uploadId) return;
    set({ busy: true, error: null });
    const requestId = ulid();
    const stop = placeInLine(requestId);
    const r = read(
      await api.call('inventory.import.preview', { uploadId, fileName, mapping, requestId }),
      PreviewSchema,
    );
    stop();
    set({ waiting: null });
    if ('error' in r) return set({ busy: false, error: r.error });
    set({ busy: false, preview: r.data, mapping: r.data.mapping, step: 'preview' });
  }

  return {
    ...initial,
    start: () => set({ ...initial, open: true }),
    close: () => {
      const { step, uploadId } = get();
      if (step === 'running') return;
      // Core drops the upload after an import; one only previewed would sit there until restart.
      if (uploadId && step !== 'done') void api.call('inventory.import.discard', { uploadId });
      set({ ...initial });
    },
    chooseFile: async (file) => {
      const tooBig = await sizeProblem(file);
      if (tooBig) return set({ fileName: file.name, uploadId: null, preview: null, result: null, error: tooBig });
      const previous = get().uploadId;
      if (previous) void api.call('inventory.import.discard', { uploadId: previous });
      if (await send(file)) await preview();
    },
    setTarget: async (index, target) => {
      const mapping = get().mapping.map((m) => (m.index === index ? { ...m, target } : m));
      set({ mapping });
      await preview(mapping);
    },
    setAllOrNothing: (allOrNothing) => set({ allOrNothing }),
    run: async () => {
      const { uploadId, fileName, mapping, allOrNothing, preview: p } = get();
      if (!uploadId) return;
      // A ULID: core records the import in its journal under this id (a retry is recognised).
      const importId = ulid();
      set({ step: 'running', busy: true, error: null, progress: { done: 0, total: p?.counts.rows ?? 0 } });
      // Subscribed before the call, so the first progress event is not missed.
      const stop = api.on('inventory.import.progress', (payload) => {
        const parsed = ImportProgressSchema.safeParse(payload);
        if (parsed.success && parsed.data.importId === importId) {
          set({ progress: { done: parsed.data.done, total: parsed.data.total } });
        }
      });
      try {
        const r = read(
          await api.call('inventory.import.run', { uploadId, fileName, mapping, allOrNothing, importId }),
          RunSchema,
        );
        if ('error' in r) return set({ step: 'preview', error: r.error });
        set({ step: 'done', result: r.data });
        const table = useInventoryTable.getState();
        await Promise.all([table.refresh(), table.loadFacets()]);
      } finally {
        stop();
        set({ busy: false });
      }
    },
  };
});
