import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { getTransport } from './api/transport';
import { loadPage } from './pages/PageView';
import { pageFromHash } from './pages/registry';
import { requestFirstPage } from './stores/inventory-first-page';
import './styles.css';

// The first page's code starts downloading now, while React renders the chrome. A failure
// is shown (and retried) by the page view itself.
loadPage(pageFromHash(window.location.hash)).catch(() => undefined);
// Likewise the connection, and the Inventory page's first rows: asked for now, answered
// while the page's code arrives (the table takes the answer if nothing changed meanwhile).
getTransport();
if (pageFromHash(window.location.hash) === 'inventory') requestFirstPage();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
