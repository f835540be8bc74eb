import { PendingBadge } from '../pages/approvals/PendingBadge';
import { PAGES, type PageId } from '../pages/registry';

export function Nav({ current }: { current: PageId }) {
  return (
    <nav className="nav" aria-label="Main">
      <div className="brand">FlipSync</div>
      <ul>
        {PAGES.map((page) => (
          <li key={page.id}>
            <a href={`#/${page.id}`} aria-current={page.id === current ? 'page' : undefined}>
              {page.label}
              {page.id === 'approvals' && <PendingBadge />}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
