/**
 * The waiting cards: each group (its members inside it when open), then the proposals on
 * their own. Past VIRTUAL_FROM cards only those near the view exist in the DOM, so a page of
 * 10,000 waiting scrolls and answers keys like a page of ten.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Proposal, ProposalGroup } from '@shared/api';
import type { Place } from './ProposalCard';

export const VIRTUAL_FROM = 100;
const GAP = 12;

export type Row =
  { key: string; group: ProposalGroup; proposal?: never } | { key: string; proposal: Proposal; group?: never };

interface Props {
  rows: Row[];
  /** The row holding the focused card (a group's row for its members), or -1. */
  focusRow: number;
  /** Bumped when a key moved the focus: the list brings that card into view. */
  focusTick: number;
  onKeyDown(e: KeyboardEvent): void;
  renderRow(row: Row, place?: Place, ref?: (el: HTMLLIElement | null) => void): ReactNode;
}

/**
 * One list element whichever way it renders: when the rest of the waiting proposals arrive and
 * the list turns virtual, the cards already shown stay the same elements, so the card the
 * seller focused keeps the focus (a second list would replace it and drop the focus).
 */
export function CardList({ rows, focusRow, focusTick, onKeyDown, renderRow }: Props) {
  const virtual = rows.length >= VIRTUAL_FROM;
  const listRef = useRef<HTMLUListElement>(null);
  // The list scrolls with the page, below the toolbar: its distance from the page's top.
  const [margin, setMargin] = useState(0);
  const scroller = () => listRef.current?.closest<HTMLElement>('.page') ?? null;
  // The compiler cannot memoize this hook's functions; this component does not rely on memoization.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    enabled: virtual,
    count: virtual ? rows.length : 0,
    getScrollElement: scroller,
    estimateSize: () => 190,
    getItemKey: (i) => rows[i]!.key,
    gap: GAP,
    overscan: 6,
    scrollMargin: margin,
    initialRect: { width: 1000, height: 800 },
  });
  // After every render: what sits above the list (a decision note, an error) changes its top.
  // Guarded by the comparison, so it settles after one extra render at most.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    const list = listRef.current;
    const page = scroller();
    if (!virtual || !list || !page) return;
    const top = list.getBoundingClientRect().top - page.getBoundingClientRect().top + page.scrollTop;
    if (Math.abs(top - margin) > 1) setMargin(top);
  });
  useEffect(() => {
    if (virtual && focusTick > 0 && focusRow >= 0) virtualizer.scrollToIndex(focusRow, { align: 'auto' });
    // Only a key press moves the view; a reload keeps the seller's scroll position.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusTick]);

  if (!virtual)
    return (
      <ul className="proposal-list" ref={listRef} onKeyDown={onKeyDown} aria-label="Waiting for you">
        {rows.map((row) => renderRow(row))}
      </ul>
    );
  const items = virtualizer.getVirtualItems();
  return (
    <ul
      className="proposal-list virtual"
      ref={listRef}
      onKeyDown={onKeyDown}
      aria-label="Waiting for you"
      style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
    >
      {items.map((v) =>
        renderRow(
          rows[v.index]!,
          {
            index: v.index,
            style: {
              position: 'absolute',
              top: 0,
              left: 0,
              width: '100%',
              transform: `translateY(${v.start - virtualizer.options.scrollMargin}px)`,
            },
          },
          virtualizer.measureElement,
        ),
      )}
    </ul>
  );
}
