import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, type KeyboardEvent } from 'react';
import type { ItemSummary } from '@shared/api';
import { useItemEditor } from '../../stores/inventory-editor';
import { rowAt, useInventoryTable } from '../../stores/inventory-table';
import { COMPACT_LAYOUT, FULL_LAYOUT, ROW_HEIGHT, type Column, type ColumnKey } from './columns';
import { EbayCell } from './EbayCell';
import { PriceCell, QuantityCell, StatusCell } from './InlineCells';
import { Thumb } from './Thumb';

/**
 * The virtualized table: only the rows in view exist in the DOM, and only their pages are
 * fetched. Rows are focusable: arrows move, Enter opens the editor, Space selects.
 */
export function InventoryTable({ currency }: { currency: string }) {
  const { total, pages, sort, dir, selected, sortBy, ensureRows, toggle, selectOnly, clearSelection } =
    useInventoryTable();
  const editing = useItemEditor((s) => s.id !== null);
  const layout = editing ? COMPACT_LAYOUT : FULL_LAYOUT;
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const count = total ?? 0;
  // The compiler cannot memoize this hook's functions; this component does not rely on memoization.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // Few rows beyond the view: each costs its cells on the first render, which the seller waits for.
    overscan: 4,
    initialRect: { width: 1000, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (count > 0) ensureRows(first, last);
  }, [first, last, count, pages, ensureRows]);

  const loadedIds = Object.values(pages).flatMap((rows) => rows.map((r) => r.id));
  const allLoadedSelected = loadedIds.length > 0 && loadedIds.every((id) => selected.has(id));

  const focusRow = (index: number) => {
    const target = Math.max(0, Math.min(count - 1, index));
    virtualizer.scrollToIndex(target);
    // The row may only exist after the virtualizer renders it.
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${target}"]`)?.focus());
  };
  const onRowKey = (e: KeyboardEvent, index: number, row: ItemSummary | undefined) => {
    if (e.key === 'ArrowDown') focusRow(index + 1);
    else if (e.key === 'ArrowUp') focusRow(index - 1);
    else if (e.key === 'PageDown') focusRow(index + 15);
    else if (e.key === 'PageUp') focusRow(index - 15);
    else if (e.key === 'Enter' && row) void useItemEditor.getState().open(row.id);
    else if (e.key === ' ' && row) toggle(row.id);
    else return;
    e.preventDefault();
  };

  return (
    <div
      className="inv-table"
      role="table"
      aria-label="Inventory"
      aria-rowcount={count + 1}
      data-testid="inventory-table"
    >
      {/* The header scrolls sideways with the rows (it sits outside their scroll box). */}
      <div className="inv-head-wrap" ref={headRef}>
        <div
          className="inv-row inv-head"
          role="row"
          aria-rowindex={1}
          style={{ gridTemplateColumns: layout.template, minWidth: layout.minWidth }}
        >
          <span role="columnheader">
            <input
              type="checkbox"
              aria-label="Select all loaded rows"
              checked={allLoadedSelected}
              onChange={() => (allLoadedSelected ? clearSelection() : selectOnly(loadedIds))}
            />
          </span>
          {layout.columns.map((c) => (
            <HeaderCell key={c.key} column={c} active={c.sort === sort} dir={dir} onSort={sortBy} />
          ))}
        </div>
      </div>
      <div
        className="inv-scroll"
        ref={scrollRef}
        data-testid="inventory-scroll"
        onScroll={(e) => {
          if (headRef.current) headRef.current.scrollLeft = e.currentTarget.scrollLeft;
        }}
      >
        <div style={{ height: virtualizer.getTotalSize(), minWidth: layout.minWidth, position: 'relative' }}>
          {items.map((v) => {
            const row = rowAt(pages, v.index);
            return (
              <div
                key={row?.id ?? `loading-${v.index}`}
                role="row"
                aria-rowindex={v.index + 2}
                aria-selected={row ? selected.has(row.id) : undefined}
                data-index={v.index}
                tabIndex={0}
                className={`inv-row${row && selected.has(row.id) ? ' selected' : ''}`}
                style={{
                  gridTemplateColumns: layout.template,
                  height: ROW_HEIGHT,
                  transform: `translateY(${v.start}px)`,
                }}
                onKeyDown={(e) => onRowKey(e, v.index, row)}
                onDoubleClick={() => row && void useItemEditor.getState().open(row.id)}
              >
                {row ? (
                  <RowCells
                    row={row}
                    columns={layout.columns}
                    currency={currency}
                    selected={selected.has(row.id)}
                    onToggle={toggle}
                  />
                ) : (
                  <span role="cell" className="loading-cell">
                    Loading…
                  </span>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function HeaderCell(props: { column: Column; active: boolean; dir: 'asc' | 'desc'; onSort(c: Column['sort']): void }) {
  const { column, active, dir, onSort } = props;
  const ariaSort = active ? (dir === 'asc' ? 'ascending' : 'descending') : column.sort ? 'none' : undefined;
  return (
    <span role="columnheader" aria-sort={ariaSort} className={column.numeric ? 'num' : undefined}>
      {column.sort ? (
        <button type="button" className="sort" onClick={() => onSort(column.sort)}>
          {column.label}
          <span aria-hidden>{active ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
        </button>
      ) : column.hideLabel ? (
        <span className="visually-hidden">{column.label}</span>
      ) : (
        column.label
      )}
    </span>
  );
}

/** Memoized: while scrolling, only rows that come into view render; the others keep their DOM. */
const RowCells = memo(function RowCells(props: {
  row: ItemSummary;
  columns: Column[];
  currency: string;
  selected: boolean;
  onToggle(id: string): void;
}) {
  const { row, columns, currency, selected, onToggle } = props;
  return (
    <>
      <span role="cell">
        <input
          type="checkbox"
          aria-label={`Select ${row.sku}`}
          checked={selected}
          tabIndex={-1}
          onChange={() => onToggle(row.id)}
        />
      </span>
      {columns.map((c) => (
        <Cell key={c.key} column={c.key} row={row} currency={currency} />
      ))}
    </>
  );
});

function Cell({ column, row, currency }: { column: ColumnKey; row: ItemSummary; currency: string }) {
  switch (column) {
    case 'photo':
      return <span role="cell">{row.photo ? <Thumb hash={row.photo.hash} alt="" /> : null}</span>;
    case 'sku':
      return (
        <span role="cell" className="mono">
          {row.sku}
        </span>
      );
    case 'title':
      return <TitleCell row={row} />;
    case 'status':
      return (
        <span role="cell">
          <StatusCell row={row} />
        </span>
      );
    case 'listPrice':
      return (
        <span role="cell" className="num">
          <PriceCell row={row} currency={currency} />
        </span>
      );
    case 'quantity':
      return (
        <span role="cell" className={`num${row.quantity < 0 ? ' error' : ''}`}>
          <QuantityCell row={row} />
        </span>
      );
    case 'ebay':
      return <EbayCell row={row} />;
    case 'acquiredAt':
      return <span role="cell">{row.acquiredAt ?? ''}</span>;
    default:
      return <span role="cell">{row[column]}</span>;
  }
}

/**
 * The title as a link that opens the editor. A long one ends in an ellipsis; its full text is
 * the tooltip and the accessible name, and it opens scrolled to its start (see inventory.css).
 */
function TitleCell({ row }: { row: ItemSummary }) {
  return (
    <span role="cell" className="title-cell">
      <button
        type="button"
        className="link title-link"
        tabIndex={-1}
        title={row.title}
        onClick={() => void useItemEditor.getState().open(row.id)}
      >
        {row.title}
      </button>
      {row.conflictCount > 0 && (
        <span className="badge warn" title="Values kept from a sync conflict wait in the editor">
          {row.conflictCount} conflict{row.conflictCount === 1 ? '' : 's'}
        </span>
      )}
    </span>
  );
}
