import type { ReactNode } from 'react';
import type { ItemFilter } from '@shared/api';
import { inventoryHref, openInventory } from './inventory-link';

/** Where a figure leads: the inventory filtered to what it counts, or another page. */
export type Target = { inventory: ItemFilter } | { page: 'agents' | 'approvals' | 'settings' } | null;

export function hrefOf(target: Target): string | undefined {
  if (!target) return undefined;
  return 'inventory' in target ? inventoryHref(target.inventory) : `#/${target.page}`;
}

/** Follows a target: the inventory opens already filtered. */
export function follow(target: Target, event: { preventDefault(): void }): void {
  if (!target || !('inventory' in target)) return;
  event.preventDefault();
  openInventory(target.inventory);
}

/** One figure on a card; a link when it can show what it counts. */
export function Figure(props: { label: string; value: string; note?: ReactNode; to: Target; testId: string }) {
  const { label, value, note, to, testId } = props;
  const body = (
    <>
      <span className="figure-label">{label}</span>
      <span className="figure-value" data-testid={testId}>
        {value}
      </span>
      {note && <span className="figure-note">{note}</span>}
    </>
  );
  const href = hrefOf(to);
  return href ? (
    <a className="figure" href={href} onClick={(e) => follow(to, e)} title={`Show what “${label}” counts`}>
      {body}
    </a>
  ) : (
    <div className="figure">{body}</div>
  );
}

export function Card(props: { title: string; children: ReactNode; wide?: boolean }) {
  return (
    <section className={props.wide ? 'dash-card wide' : 'dash-card'} aria-label={props.title}>
      <h2>{props.title}</h2>
      {props.children}
    </section>
  );
}
