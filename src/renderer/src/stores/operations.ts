/**
 * Work a restart of FlipSync finished (an import or bulk edit a crash interrupted): loaded
 * when the connection opens and whenever the journal changes, parsed with the contract.
 */
import { create } from 'zustand';
import { ulid } from 'ulid';
import { routes, type ApiError, type OperationSummary } from '@shared/api';
import { api } from '../api/client';
import { read } from './inventory-result';

interface OperationsStore {
  notices: OperationSummary[];
  error: ApiError | null;
  /** What the last undo did, in words, until the seller closes it. */
  undone: string | null;
  /** The notice whose undo is running. */
  undoing: string | null;
  load(): Promise<void>;
  dismiss(id: string): Promise<void>;
  /** Undoes a finished bulk edit (items changed since keep their newer values). */
  undo(id: string): Promise<void>;
  closeUndone(): void;
  /** Follows `operations.changed`; returns the unsubscribe. */
  follow(): () => void;
}

export const useOperationsStore = create<OperationsStore>((set, get) => ({
  notices: [],
  error: null,
  undone: null,
  undoing: null,
  load: async () => {
    const r = read(await api.call('operations.notices', {}), routes['operations.notices'].output);
    set('data' in r ? { notices: r.data, error: null } : { error: r.error });
  },
  dismiss: async (id) => {
    const r = read(await api.call('operations.dismiss', { id }), routes['operations.dismiss'].output);
    if ('error' in r) return set({ error: r.error });
    set({ notices: get().notices.filter((n) => n.id !== id) });
  },
  undo: async (id) => {
    if (get().undoing) return;
    set({ undoing: id, error: null });
    const r = read(await api.call('operations.undo', { id, undoId: ulid() }), routes['operations.undo'].output);
    if ('error' in r) return set({ undoing: null, error: r.error });
    const { changed, kept, failed } = r.data;
    const parts = [`${n(changed)} item${changed === 1 ? '' : 's'} back to their earlier values`];
    if (kept) parts.push(`${n(kept)} changed since the edit and kept as they are`);
    if (failed) parts.push(`${n(failed)} could not be changed`);
    set({ undoing: null, undone: `Undone: ${parts.join('; ')}.`, notices: get().notices.filter((x) => x.id !== id) });
  },
  closeUndone: () => set({ undone: null }),
  follow: () => api.on('operations.changed', () => void get().load()),
}));

const n = (value: number | undefined) => (value ?? 0).toLocaleString('en-US');

/** What happened, in the seller's words. */
export function describeNotice(op: OperationSummary): string {
  if (op.state === 'running') {
    return `FlipSync closed before it finished this; it is finishing it now: ${op.title}.`;
  }
  const r = op.result ?? {};
  const what =
    op.kind === 'import'
      ? `${n(r.created)} created, ${n(r.updated)} updated, ${n(r.skipped)} skipped`
      : `${n(r.changed)} of ${n(r.matched)} items changed${r.failed ? `, ${n(r.failed)} could not be` : ''}`;
  return `FlipSync closed before it finished this, and finished it when it started again: ${op.title} (${what}). Nothing was applied twice.`;
}
