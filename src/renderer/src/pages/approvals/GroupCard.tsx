/**
 * One scan's proposals of a kind as one card: approve or reject them all, change a markdown's
 * percentage (core prices each item again, never below break-even unless allowed), or open the
 * group to decide item by item.
 */
import { forwardRef, useState, type FormEvent } from 'react';
import type { Proposal, ProposalGroup } from '@shared/api';
import { useApprovals } from '../../stores/approvals';
import { formatWhen } from '../agents/format';
import { KIND_LABEL, ProposalCard, type Place } from './ProposalCard';

interface Props {
  group: ProposalGroup;
  /** The group's waiting members the page has loaded. */
  members: Proposal[];
  agentName: string;
  expanded: boolean;
  focus: string | null;
  selected: string[];
  busy: boolean;
  place?: Place;
}

export const GroupCard = forwardRef<HTMLLIElement, Props>(function GroupCard(
  { group: g, members, agentName, expanded, focus, selected, busy, place },
  ref,
) {
  const store = useApprovals.getState();
  const titleId = `group-title-${g.id}`;
  const focused = focus === g.id;
  const decided = g.applied + g.rejected + g.failed;
  return (
    <li
      ref={ref}
      className={`proposal-card group-card${focused ? ' focused' : ''}`}
      tabIndex={focused ? 0 : -1}
      aria-labelledby={titleId}
      aria-current={focused ? 'true' : undefined}
      data-testid={`group-${g.id}`}
      data-id={g.id}
      data-index={place?.index}
      style={place?.style}
      onFocus={(e) => e.target === e.currentTarget && store.setFocus(g.id)}
    >
      <div className="proposal-head">
        <h2 id={titleId}>{g.summary}</h2>
        <span className="pill">
          {KIND_LABEL[g.kind]} · {g.pending} waiting
        </span>
      </div>
      <p className="muted small">
        By {agentName} in <a href={`#/agents?run=${encodeURIComponent(g.runId)}`}>run {g.runId.slice(-6)}</a> ·{' '}
        {formatWhen(g.createdAt)}
        {decided > 0 ? ` · ${decided} of ${g.total} already decided` : ''}
      </p>
      {g.pct !== null && <PercentForm key={g.pct} group={g} pct={g.pct} busy={busy} />}
      <div className="proposal-foot">
        <button type="button" className="approve" disabled={busy} onClick={() => void store.approveGroup(g.id)}>
          Approve all {g.pending}
        </button>
        <button type="button" disabled={busy} onClick={() => void store.rejectGroup(g.id)}>
          Reject all {g.pending}
        </button>
        <button type="button" aria-expanded={expanded} onClick={() => store.toggleExpanded(g.id)}>
          {expanded ? 'Hide the items' : 'Decide item by item'}
        </button>
      </div>
      {expanded && (
        <ul className="proposal-list group-members" aria-label={`Items of: ${g.summary}`}>
          {members.map((p) => (
            <ProposalCard
              key={p.id}
              proposal={p}
              agentName={agentName}
              focused={p.id === focus}
              selected={selected.includes(p.id)}
              busy={busy}
            />
          ))}
        </ul>
      )}
    </li>
  );
});

function PercentForm({ group, pct, busy }: { group: ProposalGroup; pct: number; busy: boolean }) {
  const [value, setValue] = useState(String(pct));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void useApprovals.getState().editGroup(group.id, Number(value));
  };
  const inputId = `group-pct-${group.id}`;
  return (
    <form className="group-pct" onSubmit={submit}>
      <label htmlFor={inputId}>Markdown</label>
      <input
        id={inputId}
        type="number"
        inputMode="decimal"
        min={1}
        max={90}
        step="any"
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <span>%</span>
      <button type="submit" disabled={busy || Number(value) === pct}>
        Re-price {group.pending}
      </button>
      <span className="muted small">Each price is held at break-even (cost plus fees) unless you allow lower.</span>
    </form>
  );
}
