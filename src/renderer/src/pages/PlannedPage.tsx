import type { PageId } from './registry';

/**
 * What a page that is not built yet says: what will appear there. It shows no numbers,
 * no sample rows and no pretend status, because none of that would be the seller's data.
 */
const PLANNED: Record<Exclude<PageId, 'settings'>, { title: string; body: string }> = {
  chat: {
    title: 'Chat',
    body: 'Your conversations with the FlipSync assistant will appear here, with streaming replies you can stop, regenerate, search and export.',
  },
  inventory: {
    title: 'Inventory',
    body: 'Your items will appear here: stored on this computer, searchable as you type, importable from eBay CSV files and synced between devices if you choose.',
  },
  agents: {
    title: 'Agents',
    body: 'The assistant and its specialists (listing writer, pricing, inventory health, market research, shipping) will appear here with the runs they actually made.',
  },
  approvals: {
    title: 'Approvals',
    body: 'Changes the agents propose to your items will wait here for you to approve or reject. Nothing changes without you.',
  },
  dashboard: {
    title: 'Dashboard',
    body: 'Figures computed from your own inventory and sales (value, aging, profit, sell-through) will appear here once there is data to compute them from.',
  },
};

export function PlannedPage({ page }: { page: Exclude<PageId, 'settings'> }) {
  const { title, body } = PLANNED[page];
  return (
    <section className="empty-state" aria-labelledby="page-title">
      <h1 id="page-title">{title}</h1>
      <p>{body}</p>
      <p className="muted">This part of FlipSync is not built yet.</p>
    </section>
  );
}
