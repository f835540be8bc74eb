import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { loadPage } from './pages/PageView';
import { pageFromHash } from './pages/registry';
import './styles.css';

// The first page's code starts downloading now, while React renders the chrome. A failure
// is shown (and retried) by the page view itself.
loadPage(pageFromHash(window.location.hash)).catch(() => undefined);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
