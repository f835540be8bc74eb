/**
 * Secrets tied to the server they were entered for. A key or password is handed out only
 * for that server's origin: when the address changes (in settings, or because something in
 * the renderer asks for a call elsewhere), it is not sent until the seller enters it again.
 */
import type { SecretStore } from './types';

/** "https://couch.example.com:6984" for any address on that server; null for no address. */
export function originOf(url: string): string | null {
  return URL.canParse(url) ? new URL(url).origin : null;
}

export interface BoundRead {
  /** The secret, when it was entered for the origin asked about. */
  value: string | null;
  /** The origin it was entered for; null when no secret is stored. */
  boundTo: string | null;
}

const originName = (name: string) => `${name}@origin`;

/** Saves a secret for `origin`; with no origin yet (no address set), for the first that asks. */
export async function saveBound(store: SecretStore, name: string, value: string, origin: string | null): Promise<void> {
  await store.set(name, value);
  if (origin) await store.set(originName(name), origin);
  else await store.delete(originName(name));
}

export async function deleteBound(store: SecretStore, name: string): Promise<void> {
  await store.delete(name);
  await store.delete(originName(name));
}

/**
 * Ties a secret saved before secrets were bound to `origin` (the address it was used with),
 * at start, before any route can point it elsewhere. Bound ones and absent ones stay as they are.
 */
export async function bindLegacy(store: SecretStore, name: string, origin: string | null): Promise<void> {
  if (!origin || (await store.get(name)) === null || (await store.get(originName(name))) !== null) return;
  await store.set(originName(name), origin);
}

/** The secret if it was entered for `origin`. One saved before secrets were bound is bound to the first origin that asks. */
export async function readBound(store: SecretStore, name: string, origin: string | null): Promise<BoundRead> {
  const value = await store.get(name);
  if (value === null) return { value: null, boundTo: null };
  const boundTo = await store.get(originName(name));
  // No address to check against yet: say whether one is stored (nothing is sent anywhere).
  if (origin === null) return { value, boundTo };
  if (boundTo === null) {
    await store.set(originName(name), origin);
    return { value, boundTo: origin };
  }
  return { value: boundTo === origin ? value : null, boundTo };
}

/** "couch.example.com:6984" for messages. */
export const hostOf = (origin: string) => (URL.canParse(origin) ? new URL(origin).host : origin);
