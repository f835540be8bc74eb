import { useEffect, useState } from 'react';
import { api } from './api/client';
import { ConnectionBanner } from './components/ConnectionBanner';
import { Nav } from './components/Nav';
import { OperationNotices } from './components/OperationNotices';
import { StatusBar } from './components/StatusBar';
import { PageView } from './pages/PageView';
import { pageFromHash, type PageId } from './pages/registry';
import { useAppInfoStore } from './stores/app-info';
import { followDataCounts } from './stores/app-info-follow';
import { useConnectionStore } from './stores/connection';
import { useSettingsStore } from './stores/settings';
import { followArrivingPhotos } from './stores/inventory-photos';

function usePage(): PageId {
  const [page, setPage] = useState(() => pageFromHash(window.location.hash));
  useEffect(() => {
    const onHash = () => setPage(pageFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return page;
}

function NoTokenNotice() {
  return (
    <section className="empty-state" role="alert">
      <h1>Open FlipSync from its own address</h1>
      <p>
        This page was opened without its access token, so it cannot reach your data. Open the address that{' '}
        <code>npm run serve</code> printed, including the <code>?token=…</code> part.
      </p>
    </section>
  );
}

export function App() {
  const page = usePage();
  const connection = useConnectionStore((s) => s.state);
  const theme = useSettingsStore((s) => s.settings?.general.theme ?? 'system');

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => useConnectionStore.getState().watch(), []);
  useEffect(() => {
    // (Re)load what the chrome shows whenever the connection comes (back) up.
    if (connection !== 'open') return;
    void useAppInfoStore.getState().load();
    void useSettingsStore.getState().load();
  }, [connection]);
  useEffect(() => followDataCounts(), []);
  useEffect(() => followArrivingPhotos(), []);
  useEffect(
    () =>
      api.on('settings.changed', (settings) => {
        useSettingsStore.getState().receive(settings);
        void useAppInfoStore.getState().load();
      }),
    [],
  );

  return (
    <div className="app">
      <Nav current={page} />
      {/* Not a live region: a streamed reply would be read out token by token. Status lines
          inside the pages (role="status") announce what changed. */}
      <main className="page">
        <ConnectionBanner />
        <OperationNotices />
        {connection === 'no-token' ? <NoTokenNotice /> : <PageView page={page} />}
      </main>
      <StatusBar />
    </div>
  );
}
