/**
 * The CSV import wizard: choose a file → preview (detected format, editable mapping) → run
 * with progress from `inventory.import.progress` → the result with every row's error.
 */
import { create } from 'zustand';
import { MAX_WIRE_MESSAGE_BYTES } from '@shared/api/photo-limits';
import { useConnectionStore } from './connection';
import { ulid } from 'ulid';
import {
  ImportProgressSchema,
  ImportQueueSchema,
  MAX_FILE_CHARS,
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
  text: string;
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
  text: '',
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

/**
 * Checked before sending: the contract takes up to 100 million characters, and browser mode
 * carries a call in one WebSocket message, which ends the connection when it is over the cap.
 */
function sizeProblem(fileName: string, text: string, transport: string | null): ApiError | null {
  const hint = 'Split the file into smaller files (for example by category) and import each.';
  if (text.length > MAX_FILE_CHARS) {
    return {
      code: 'BAD_REQUEST',
      message: `${fileName} is ${mb(text.length)}; one import takes at most ${mb(MAX_FILE_CHARS)}.`,
      hint,
    };
  }
  if (transport !== 'ipc' && JSON.stringify(text).length + 64 * 1024 > MAX_WIRE_MESSAGE_BYTES) {
    return {
      code: 'BAD_REQUEST',
      message: `${fileName} is ${mb(text.length)}; in the browser FlipSync reads CSV files of up to ${mb(MAX_WIRE_MESSAGE_BYTES - 64 * 1024)} at once (the desktop app takes up to ${mb(MAX_FILE_CHARS)}).`,
      hint,
    };
  }
  return null;
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

  async function preview(mapping?: ColumnMapping[]) {
    const { text, fileName } = get();
    set({ busy: true, error: null });
    const requestId = ulid();
    const stop = placeInLine(requestId);
    const r = read(await api.call('inventory.import.preview', { text, fileName, mapping, requestId }), PreviewSchema);
    stop();
    set({ waiting: null });
    if ('error' in r) return set({ busy: false, error: r.error });
    set({ busy: false, preview: r.data, mapping: r.data.mapping, step: 'preview' });
  }

  return {
    ...initial,
    start: () => set({ ...initial, open: true }),
    close: () => {
      if (get().step !== 'running') set({ ...initial });
    },
    chooseFile: async (file) => {
      const text = await file.text();
      const tooBig = sizeProblem(file.name, text, useConnectionStore.getState().kind);
      if (tooBig) return set({ fileName: file.name, text: '', preview: null, result: null, error: tooBig });
      set({ fileName: file.name, text, preview: null, result: null });
      await preview();
    },
    setTarget: async (index, target) => {
      const mapping = get().mapping.map((m) => (m.index === index ? { ...m, target } : m));
      set({ mapping });
      await preview(mapping);
    },
    setAllOrNothing: (allOrNothing) => set({ allOrNothing }),
    run: async () => {
      const { text, fileName, mapping, allOrNothing, preview: p } = get();
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
          await api.call('inventory.import.run', { text, fileName, mapping, allOrNothing, importId }),
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
