/** The app's pages, in navigation order; the hash (#/settings) picks one. */
export const PAGES = [
  { id: 'chat', label: 'Chat' },
  { id: 'inventory', label: 'Inventory' },
  { id: 'agents', label: 'Agents' },
  { id: 'approvals', label: 'Approvals' },
  { id: 'dashboard', label: 'Dashboard' },
  { id: 'settings', label: 'Settings' },
] as const;

export type PageId = (typeof PAGES)[number]['id'];

export function pageFromHash(hash: string): PageId {
  // A page may carry a query (#/inventory?status=listed): the page is the part before it.
  const id = hash.replace(/^#\/?/, '').split('?')[0];
  return PAGES.find((page) => page.id === id)?.id ?? 'chat';
}
