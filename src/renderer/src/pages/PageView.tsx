/**
 * The page on screen, loaded on first visit: each page (and what only it uses, such as the
 * dashboard's charts or chat's Markdown) is its own chunk, so the window starts with the
 * chrome alone and a page costs nothing until the seller opens it.
 */
import { Component, createElement, useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { PAGES, type PageId } from './registry';

const PAGE_MODULES: Record<PageId, () => Promise<{ default: ComponentType }>> = {
  chat: () => import('./chat/ChatPage').then((m) => ({ default: m.ChatPage })),
  inventory: () => import('./inventory/InventoryPage').then((m) => ({ default: m.InventoryPage })),
  agents: () => import('./agents/AgentsPage').then((m) => ({ default: m.AgentsPage })),
  approvals: () => import('./approvals/ApprovalsPage').then((m) => ({ default: m.ApprovalsPage })),
  dashboard: () => import('./dashboard/DashboardPage').then((m) => ({ default: m.DashboardPage })),
  settings: () => import('./settings/SettingsPage').then((m) => ({ default: m.SettingsPage })),
};

interface PageEntry {
  promise: Promise<ComponentType>;
  /** Set once the chunk has arrived: the page then renders at once, without a loading line. */
  component?: ComponentType;
}
const loaded = new Map<PageId, PageEntry>();

/** Fetches a page's chunk once (again after a failure, so a later visit retries). */
export function loadPage(page: PageId): Promise<ComponentType> {
  const known = loaded.get(page);
  if (known) return known.promise;
  const entry: PageEntry = {
    promise: PAGE_MODULES[page]().then(
      (module) => (entry.component = module.default),
      (error: unknown) => {
        loaded.delete(page);
        throw error;
      },
    ),
  };
  loaded.set(page, entry);
  return entry.promise;
}

const labelOf = (page: PageId) => PAGES.find((p) => p.id === page)?.label ?? page;

export function PageView({ page }: { page: PageId }) {
  return (
    // Keyed by page: a page that failed to load is tried again when the seller comes back to it.
    <PageLoadBoundary key={page} label={labelOf(page)}>
      <LoadedPage page={page} />
    </PageLoadBoundary>
  );
}

function LoadedPage({ page }: { page: PageId }) {
  // Not Suspense: React holds a suspended page back until 300 ms after its fallback showed
  // (its reveal throttle), so a chunk that arrived in 40 ms still opened the page 300 ms late.
  // A state update shows the page the moment its code is here.
  const [component, setComponent] = useState<ComponentType | null>(() => loaded.get(page)?.component ?? null);
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  useEffect(() => {
    if (component) return;
    let live = true;
    loadPage(page).then(
      (c) => live && setComponent(() => c),
      (error: unknown) => live && setFailure({ error }),
    );
    return () => {
      live = false;
    };
  }, [page, component]);
  // A failed load goes to the boundary, which offers the reload.
  if (failure) throw failure.error instanceof Error ? failure.error : new Error(`The ${page} page could not load.`);
  // The component is one of six module-level page components, not made here (the lint rule
  // cannot tell), so React keeps its state across renders.
  return component ? createElement(component) : <PageLoading label={labelOf(page)} />;
}

function PageLoading({ label }: { label: string }) {
  return (
    <p className="page-loading muted" role="status">
      Opening {label}…
    </p>
  );
}

/**
 * A page's code can fail to arrive (browser mode restarted with a newer build, so the old
 * file names are gone): say so and offer the reload that fixes it, instead of a blank window.
 */
class PageLoadBoundary extends Component<{ label: string; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <section className="empty-state" role="alert">
        <h1>{this.props.label} could not be opened</h1>
        <p>
          FlipSync could not load this page. If FlipSync was updated or restarted, reload the window to pick up its new
          version; nothing you saved is lost.
        </p>
        <button type="button" className="primary" onClick={() => window.location.reload()}>
          Reload FlipSync
        </button>
      </section>
    );
  }
}
