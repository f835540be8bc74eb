/**
 * The item editor panel: the open item as saved, its history, and the actions on it. Saves
 * send only the changed fields with the rev the editor loaded; a stale rev comes back as a
 * CONFLICT and the editor keeps the seller's draft while showing what is saved now.
 */
import { create } from 'zustand';
import { routes, type ApiError, type HistoryEntry } from '@shared/api';
import { ItemSchema, type Item, type ItemFields } from '@shared/domain/inventory';
import { api } from '../api/client';
import { disconnectedError } from './connection';
import { read } from './inventory-result';
import { rowOf } from './inventory-row';
import { useInventoryTable } from './inventory-table';

const HistorySchema = routes['inventory.history'].output;
const AdjustSchema = routes['inventory.adjustStock'].output;
const DeleteSchema = routes['inventory.delete'].output;
const PickSchema = routes['conflicts.pick'].output;

export type Status = 'idle' | 'busy' | 'done' | 'failed';

interface EditorStore {
  id: string | null;
  item: Item | null;
  history: HistoryEntry[] | null;
  loadError: ApiError | null;
  saveStatus: Status;
  saveError: ApiError | null;
  /** The open item has edits not saved yet (the editor form says so). */
  unsaved: boolean;
  /** Another item asked for while there are unsaved edits: waits for the seller's answer. */
  pendingOpen: string | null;
  /** Opens an item; with unsaved edits on another, asks first (see pendingOpen). */
  open(id: string): Promise<void>;
  setUnsaved(unsaved: boolean): void;
  /** The answers to pendingOpen. */
  openAnyway(): Promise<void>;
  stayHere(): void;
  close(): void;
  reload(): Promise<void>;
  /** Saves changed fields, then a new stock on hand (as an adjusted movement) if it changed. */
  save(changes: Partial<ItemFields>, quantity: number | null): Promise<boolean>;
  archive(): Promise<boolean>;
  remove(): Promise<boolean>;
  pickConflict(field: string, rev: string): Promise<void>;
  dismissConflict(field: string, rev: string): Promise<void>;
  /** Takes an item the core answered with (after a photo was added, say). */
  receive(item: Item): void;
}

const refreshTable = () => {
  const table = useInventoryTable.getState();
  void table.refresh();
  void table.loadFacets();
};

/** The panel with nothing open: the state at start, after close, and (but for the id) on open. */
const CLOSED = {
  id: null,
  item: null,
  history: null,
  loadError: null,
  saveStatus: 'idle',
  saveError: null,
  unsaved: false,
  pendingOpen: null,
} satisfies Partial<EditorStore>;

export const useItemEditor = create<EditorStore>((set, get) => {
  async function loadHistory(id: string) {
    const r = read(await api.call('inventory.history', { id }), HistorySchema);
    if (get().id === id) set({ history: 'data' in r ? r.data.entries : null });
  }

  function failed(error: ApiError): false {
    set({ saveStatus: 'failed', saveError: error });
    return false;
  }

  return {
    ...CLOSED,

    open: async (id) => {
      if (get().unsaved && get().id !== id) return set({ pendingOpen: id });
      set({ ...CLOSED, unsaved: get().unsaved, id });
      await get().reload();
    },
    setUnsaved: (unsaved) => {
      if (get().unsaved !== unsaved) set({ unsaved });
    },
    openAnyway: async () => {
      const id = get().pendingOpen;
      set({ unsaved: false, pendingOpen: null });
      if (id) await get().open(id);
    },
    stayHere: () => set({ pendingOpen: null }),
    close: () => set(CLOSED),
    reload: async () => {
      const id = get().id;
      if (!id) return;
      const r = read(await api.call('inventory.get', { id }), ItemSchema);
      if (get().id !== id) return;
      set('data' in r ? { item: r.data, loadError: null } : { loadError: r.error });
      await loadHistory(id);
    },
    save: async (changes, quantity) => {
      const item = get().item;
      if (!item) return false;
      const offline = disconnectedError();
      if (offline) return failed(offline);
      set({ saveStatus: 'busy', saveError: null });
      let saved = item;
      if (Object.keys(changes).length > 0) {
        const r = read(await api.call('inventory.update', { id: item.id, rev: item.rev, changes }), ItemSchema);
        if ('error' in r) {
          if (r.error.code === 'CONFLICT') await get().reload();
          return failed(r.error);
        }
        saved = r.data;
      }
      if (quantity !== null && quantity !== saved.quantity) {
        // The difference from the stock the editor loaded; a sale since then is a conflict.
        if (saved.quantity !== item.quantity) {
          await get().reload();
          return failed({
            code: 'CONFLICT',
            message: `The stock changed to ${saved.quantity} since you opened this item. The quantity was not changed.`,
            hint: 'Check the new stock, then enter the quantity again if it is still right.',
          });
        }
        const r = read(
          await api.call('inventory.adjustStock', {
            id: item.id,
            kind: 'adjusted',
            delta: quantity - saved.quantity,
            note: 'Edited in the item editor',
          }),
          AdjustSchema,
        );
        if ('error' in r) return failed(r.error);
      }
      await get().reload();
      // The table shows the saved row (and its rev) before "Saved.": an inline edit that
      // starts the moment the editor closes must not be refused as stale.
      const current = get().item;
      if (current?.id === item.id) useInventoryTable.getState().replaceRow(rowOf(current));
      set({ saveStatus: 'done' });
      refreshTable();
      return true;
    },
    archive: async () => {
      const item = get().item;
      if (!item) return false;
      const offline = disconnectedError();
      if (offline) return failed(offline);
      const r = read(await api.call('inventory.archive', { id: item.id, rev: item.rev }), ItemSchema);
      if ('error' in r) return failed(r.error);
      set({ item: r.data });
      refreshTable();
      return true;
    },
    remove: async () => {
      const item = get().item;
      if (!item) return false;
      const offline = disconnectedError();
      if (offline) return failed(offline);
      const r = read(await api.call('inventory.delete', { id: item.id, rev: item.rev }), DeleteSchema);
      if ('error' in r) return failed(r.error);
      get().close();
      refreshTable();
      return true;
    },
    pickConflict: async (field, rev) => {
      const id = get().id;
      if (!id) return;
      const r = read(await api.call('conflicts.pick', { itemId: id, field, rev }), PickSchema);
      if ('error' in r) failed(r.error);
      await get().reload();
      refreshTable();
    },
    dismissConflict: async (field, rev) => {
      const id = get().id;
      if (!id) return;
      const r = read(await api.call('conflicts.dismiss', { itemId: id, field, rev }), PickSchema);
      if ('error' in r) failed(r.error);
      await get().reload();
      refreshTable();
    },
    receive: (item) => {
      if (get().id !== item.id) return;
      set({ item });
      void loadHistory(item.id);
      refreshTable();
    },
  };
});
