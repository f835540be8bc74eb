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

/** Checked before sending: the contract takes up to 100 million characters per file. */
function sizeProblem(fileName: string, text: string): ApiError | null {
  if (text.length <= MAX_FILE_CHARS) return null;
  return {
    code: 'BAD_REQUEST',
    message: `${fileName} is ${mb(text.length)}; one import takes at most ${mb(MAX_FILE_CHARS)}.`,
    hint: 'Split the file into smaller files (for example by category) and import each.',
  };
}

/** Where the part starting at `from` ends: at most a part's length, never inside a character. */
function partEnd(text: string, from: number): number {
  let end = Math.min(from + UPLOAD_PART_CHARS, text.length);
  const last = text.charCodeAt(end - 1);
  if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
  return end;
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
  async function send(fileName: string, text: string): Promise<string | null> {
    const uploadId = ulid();
    latest = uploadId;
    set({ fileName, uploadId: null, preview: null, result: null, error: null, busy: true });
    set({ sending: { sent: 0, total: text.length } });
    let from = 0;
    for (let part = 0; from < text.length || part === 0; part++) {
      const end = partEnd(text, from);
      const r = await api.call('inventory.import.upload', {
        uploadId,
        part,
        text: text.slice(from, end),
        last: end >= text.length,
      });
      // A newer file was chosen meanwhile: this one is no longer wanted.
      if (latest !== uploadId || !get().open) {
        void api.call('inventory.import.discard', { uploadId });
        return null;
      }
      if (!r.ok) {
        set({ busy: false, sending: null, error: r.error });
        return null;
      }
      from = end;
      set({ sending: { sent: from, total: text.length } });
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
      const text = await file.text();
      const tooBig = sizeProblem(file.name, text);
      if (tooBig) return set({ fileName: file.name, uploadId: null, preview: null, result: null, error: tooBig });
      const previous = get().uploadId;
      if (previous) void api.call('inventory.import.discard', { uploadId: previous });
      if (await send(file.name, text)) await preview();
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
