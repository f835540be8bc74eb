/**
 * Item photos: adding files (their bytes go to core, which stores them by content hash) and
 * a cache of thumbnails as data: URLs, bounded so scrolling 100k rows does not grow it forever.
 */
import { create } from 'zustand';
import { routes, type ApiError } from '@shared/api';
import { MAX_PHOTO_BYTES, photoTooLarge } from '@shared/api/photo-limits';
import { api } from '../api/client';
import { getTransport } from '../api/transport';
import { useItemEditor } from './inventory-editor';
import { read } from './inventory-result';

const AddSchema = routes['photos.add'].output;
const RemoveSchema = routes['photos.remove'].output;
const GetSchema = routes['photos.get'].output;
const EnsureSchema = routes['photos.ensure'].output;
const MAX_CACHED = 400;

interface PhotoStore {
  urls: Record<string, string>;
  /** `size:hash` of photos asked for that this device does not have (yet); cleared when they come. */
  unavailable: Record<string, true>;
  adding: number;
  error: ApiError | null;
  /** Loads a thumbnail (or the full photo) once; later calls return at once. */
  load(hash: string, size?: 'thumb' | 'full'): void;
  add(itemId: string, files: File[]): Promise<void>;
  remove(itemId: string, hash: string): Promise<void>;
}

const pending = new Set<string>();
/** Photos asked for that were not on this device (yet): `size:hash`. */
const missing = new Set<string>();

/** Loads again what was missing once sync has brought it; returns the unsubscribe. */
export function followArrivingPhotos(): () => void {
  return api.on('photos.arrived', ({ hashes }) => {
    for (const hash of hashes) {
      for (const size of ['thumb', 'full'] as const) {
        if (missing.has(`${size}:${hash}`)) usePhotos.getState().load(hash, size);
      }
    }
  });
}

export async function base64Of(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // Chunked: String.fromCharCode with millions of arguments overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export const usePhotos = create<PhotoStore>((set, get) => ({
  urls: {},
  unavailable: {},
  adding: 0,
  error: null,
  load: (hash, size = 'thumb') => {
    const key = `${size}:${hash}`;
    if (get().urls[key] || pending.has(key)) return;
    pending.add(key);
    missing.delete(key);
    const cache = (url: string) =>
      set((s) => {
        const entries = Object.entries(s.urls);
        const kept = entries.length >= MAX_CACHED ? entries.slice(entries.length - MAX_CACHED / 2) : entries;
        const { [key]: _came, ...unavailable } = s.unavailable;
        return { urls: { ...Object.fromEntries(kept), [key]: url }, unavailable };
      });
    const notHere = () => {
      pending.delete(key);
      // Asked again when sync brings it (photos.arrived).
      missing.add(key);
      set((s) => ({ unavailable: { ...s.unavailable, [key]: true } }));
    };
    // The desktop app streams photos from disk through its app protocol (shell/app-protocol.ts):
    // no 25 MB base64 strings through IPC and React state. Core first makes sure the file is
    // there (a photo from another device, an original fetched on demand).
    if (getTransport().kind === 'ipc') {
      void api.call('photos.ensure', { hash, size }).then((result) => {
        const r = read(result, EnsureSchema);
        if ('error' in r || !r.data.here) return notHere();
        pending.delete(key);
        cache(`app://flipsync/photos/${size}/${hash}`);
      });
      return;
    }
    void api.call('photos.get', { hash, size }).then((result) => {
      const r = read(result, GetSchema);
      if ('error' in r) return notHere();
      pending.delete(key);
      cache(r.data.url);
    });
  },
  add: async (itemId, files) => {
    set({ error: null });
    for (const file of files) {
      // Refused here, before reading it: core would refuse it too, and in browser mode a
      // message that large would be cut off with the connection instead of answered.
      if (file.size > MAX_PHOTO_BYTES) {
        set({ error: { code: 'BAD_REQUEST', ...photoTooLarge(file.name || 'photo', file.size) } });
        continue;
      }
      set((s) => ({ adding: s.adding + 1 }));
      try {
        const base64 = await base64Of(file);
        const r = read(await api.call('photos.add', { itemId, fileName: file.name || 'photo', base64 }), AddSchema);
        if ('error' in r) set({ error: { ...r.error, message: `${file.name}: ${r.error.message}` } });
        else useItemEditor.getState().receive(r.data.item);
      } finally {
        set((s) => ({ adding: s.adding - 1 }));
      }
    }
  },
  remove: async (itemId, hash) => {
    set({ error: null });
    const r = read(await api.call('photos.remove', { itemId, hash }), RemoveSchema);
    if ('error' in r) set({ error: r.error });
    else useItemEditor.getState().receive(r.data.item);
  },
}));
