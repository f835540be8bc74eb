/** One pending proposal: what it would change, why, how sure the agent is, and the seller's choice. */
import { forwardRef, type CSSProperties } from 'react';
import type { Proposal } from '@shared/api';
import { useApprovals } from '../../stores/approvals';
import { openInventory } from '../dashboard/inventory-link';
import { formatWhen } from '../agents/format';
import { Diff } from './Diff';
import { MarketCompsList } from './MarketComps';
import { ListingPublish } from './ListingPublish';

export const KIND_LABEL = {
  price: 'Price',
  markdown: 'Markdown',
  fill: 'Fill missing data',
  listing: 'Listing',
  shipping: 'Shipping cost',
} as const;

/** Where a card sits in a virtualised list (absent in a plain one). */
export interface Place {
  index: number;
  style: CSSProperties;
}

interface Props {
  proposal: Proposal;
  agentName: string;
  focused: boolean;
  selected: boolean;
  busy: boolean;
  place?: Place;
}

export const ProposalCard = forwardRef<HTMLLIElement, Props>(function ProposalCard(
  { proposal: p, agentName, focused, selected, busy, place },
  ref,
) {
  const store = useApprovals.getState();
  const titleId = `proposal-${p.id}`;
  return (
    <li
      ref={ref}
      className={`proposal-card${focused ? ' focused' : ''}${selected ? ' selected' : ''}`}
      tabIndex={focused ? 0 : -1}
      aria-labelledby={titleId}
      aria-current={focused ? 'true' : undefined}
      data-testid={`proposal-${p.id}`}
      data-id={p.id}
      data-index={place?.index}
      style={place?.style}
      onFocus={(e) => e.target === e.currentTarget && store.setFocus(p.id)}
      onClick={() => store.setFocus(p.id)}
    >
      <div className="proposal-head">
        <input
          type="checkbox"
          checked={selected}
          onChange={() => store.toggle(p.id)}
          aria-label={`Select: ${p.summary}`}
          tabIndex={-1}
        />
        <h2 id={titleId}>{p.summary}</h2>
        <span className={`pill risk-${p.risk}`} title={p.risk === 'high' ? 'Always waits for you' : undefined}>
          {KIND_LABEL[p.kind]}
          {p.risk === 'high' ? ' · high risk' : ''}
        </span>
      </div>
      <p className="muted small">
        Item{' '}
        <a
          href="#/inventory"
          onClick={(e) => {
            e.preventDefault();
            openInventory({ q: p.itemTitle });
          }}
        >
          {p.itemTitle}
        </a>{' '}
        · by {agentName} in <a href={`#/agents?run=${encodeURIComponent(p.runId)}`}>run {p.runId.slice(-6)}</a> ·{' '}
        {formatWhen(p.createdAt)}
      </p>
      <Diff before={p.before} after={p.after} />
      <p className="proposal-why">
        <strong>Why:</strong> {p.why}
      </p>
      {p.comps && p.comps.length > 0 ? <MarketCompsList comps={p.comps} /> : null}
      {p.kind === 'listing' && <ListingPublish proposal={p} busy={busy} />}
      <div className="proposal-foot">
        <Confidence value={p.confidence} />
        <button type="button" className="approve" disabled={busy} onClick={() => void store.approve([p.id])}>
          Approve
        </button>
        <button type="button" disabled={busy} onClick={() => void store.reject([p.id])}>
          Reject
        </button>
      </div>
    </li>
  );
});

function Confidence({ value }: { value: number }) {
  const pct = Math.round(value * 100);
  return (
    <span className="confidence" data-testid="confidence">
      Confidence {pct}%
      <meter min={0} max={100} low={50} high={80} optimum={100} value={pct} aria-label="Confidence" />
    </span>
  );
}
