/**
 * The Approvals inbox: every change an agent wants to make waits here for the seller.
 * Keyboard: j/k or ↓/↑ move, Home/End go to the first or last, x or space selects, a approves,
 * r rejects (the selection when there is one, else the proposal or group in focus), o opens or
 * closes the group in focus. Filters narrow the list to one agent or one kind of change.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useAgents } from '../../stores/agents';
import { useApprovals } from '../../stores/approvals';
import { useProposalPublish } from '../../stores/proposal-publish';
import '../agents/agents.css';
import './approvals.css';
import { ProposalCard, type Place } from './ProposalCard';
import { GroupCard } from './GroupCard';
import { CardList, type Row } from './CardList';
import { Filters } from './Filters';
import { ResolvedList } from './ResolvedList';
import { ErrorText } from '../../components/ErrorRef';

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

export function ApprovalsPage() {
  const { pending, groups, expanded, resolved, loaded, error, selected, focus, busy, last, pendingCount, filter } =
    useApprovals();
  const agents = useAgents((s) => s.agents);
  const pageRef = useRef<HTMLElement>(null);
  /** Set by a key press in the list, so the browser focus follows the store's focus. */
  const keyboard = useRef(false);
  /** Counts key presses that moved the focus: a long list scrolls that card into view. */
  const [focusTick, setFocusTick] = useState(0);

  useEffect(() => {
    const stop = useApprovals.getState().watch();
    void useApprovals.getState().load({ firstPage: true });
    if (useAgents.getState().agents.length === 0) void useAgents.getState().load();
    return stop;
  }, []);

  useEffect(() => {
    if (!keyboard.current || !focus) return;
    // In a long list the card may exist only once the list has scrolled to it: a few frames.
    let frames = 0;
    let raf = 0;
    const find = () => {
      const cards = pageRef.current?.querySelectorAll<HTMLElement>('[data-id]') ?? [];
      const card = [...cards].find((c) => c.dataset.id === focus);
      if (card) card.focus();
      else if (frames++ < 30) raf = requestAnimationFrame(find);
    };
    find();
    return () => cancelAnimationFrame(raf);
  }, [focus, pending, expanded, focusTick]);

  const agentName = (id: string) => agents.find((a) => a.id === id)?.name ?? id;
  const targets = () => (selected.length > 0 ? selected : focus ? [focus] : []);

  const onKey = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target as HTMLElement;
    if (TYPING.has(target.tagName) && (target as HTMLInputElement).type !== 'checkbox') return;
    const store = useApprovals.getState();
    const key = e.key;
    const act = (fn: () => void) => {
      e.preventDefault();
      keyboard.current = true;
      fn();
      setFocusTick((t) => t + 1);
    };
    const group = selected.length === 0 && focus !== null && groups.some((g) => g.id === focus) ? focus : null;
    if (key === 'j' || key === 'ArrowDown') act(() => store.move(1));
    else if (key === 'k' || key === 'ArrowUp') act(() => store.move(-1));
    else if (key === 'Home') act(() => store.move(-Infinity));
    else if (key === 'End') act(() => store.move(Infinity));
    else if (key === 'a') act(() => void (group ? store.approveGroup(group) : store.approve(targets())));
    else if (key === 'r') act(() => void (group ? store.rejectGroup(group) : store.reject(targets())));
    else if (key === 'o' && group) act(() => store.toggleExpanded(group));
    else if (group) return;
    else if ((key === 'x' || key === ' ') && focus && target.tagName !== 'BUTTON') act(() => store.toggle(focus));
  };

  const allSelected = pending.length > 0 && selected.length === pending.length;
  const shownGroups = new Set(groups.map((g) => g.id));
  const rows: Row[] = [
    ...groups.map((g) => ({ key: g.id, group: g })),
    ...pending.filter((p) => !p.group || !shownGroups.has(p.group.id)).map((p) => ({ key: p.id, proposal: p })),
  ];
  const inGroup = pending.find((p) => p.id === focus)?.group?.id;
  const focusRow = rows.findIndex((r) => r.key === focus || (inGroup !== undefined && r.key === inGroup));
  const filtered = filter.agent !== null || filter.kind !== null;
  const renderRow = (row: Row, place?: Place, ref?: (el: HTMLLIElement | null) => void) =>
    row.group ? (
      <GroupCard
        key={row.key}
        ref={ref}
        place={place}
        group={row.group}
        members={pending.filter((p) => p.group?.id === row.group.id)}
        agentName={agentName(row.group.agent)}
        expanded={expanded.includes(row.group.id)}
        focus={focus}
        selected={selected}
        busy={busy}
      />
    ) : (
      <ProposalCard
        key={row.key}
        ref={ref}
        place={place}
        proposal={row.proposal}
        agentName={agentName(row.proposal.agent)}
        focused={row.proposal.id === focus}
        selected={selected.includes(row.proposal.id)}
        busy={busy}
      />
    );
  return (
    <section className="approvals-page" aria-labelledby="approvals-title" ref={pageRef}>
      <header className="approvals-toolbar">
        <h1 id="approvals-title">Approvals</h1>
        {(pendingCount ?? 0) > 0 && <Filters agentName={agentName} />}
        {pending.length > 0 && (
          <>
            <label className="select-all">
              <input
                type="checkbox"
                checked={allSelected}
                onChange={(e) => useApprovals.getState().selectAll(e.target.checked)}
              />{' '}
              Select all {pending.length.toLocaleString()}
            </label>
            <button
              type="button"
              className="approve"
              disabled={busy || selected.length === 0}
              onClick={() => void useApprovals.getState().approve(selected)}
            >
              Approve selected ({selected.length.toLocaleString()})
            </button>
            <button
              type="button"
              disabled={busy || selected.length === 0}
              onClick={() => void useApprovals.getState().reject(selected)}
            >
              Reject selected ({selected.length.toLocaleString()})
            </button>
          </>
        )}
      </header>
      {pending.length > 0 && (
        <p className="muted small keys-help">
          Keys: <kbd>j</kbd>/<kbd>k</kbd> or <kbd>↓</kbd>/<kbd>↑</kbd> move · <kbd>Home</kbd>/<kbd>End</kbd> first or
          last · <kbd>x</kbd> select · <kbd>a</kbd> approve · <kbd>r</kbd> reject (the selected proposals, or the one in
          focus; a group as a whole) · <kbd>o</kbd> open a group to decide item by item.
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          <ErrorText error={error} />
        </p>
      )}
      {last && <DecisionNote />}
      <PublishNote />
      {!loaded && !error && <p className="muted">Loading proposals…</p>}
      {loaded && pending.length === 0 && filtered && (pendingCount ?? 0) > 0 && (
        <div className="empty-state" data-testid="approvals-filtered-empty">
          <p>
            Nothing waiting matches these filters; {(pendingCount ?? 0).toLocaleString()} waiting in all.{' '}
            <button type="button" onClick={() => void useApprovals.getState().setFilter({ agent: null, kind: null })}>
              Show all
            </button>
          </p>
        </div>
      )}
      {loaded && (pendingCount ?? 0) === 0 && pending.length === 0 && (
        <div className="empty-state approvals-empty" data-testid="approvals-empty">
          <h2>Nothing waiting for you</h2>
          <p>
            When an agent wants to change an item — a new price, a markdown on a stale listing, missing item specifics,
            a listing text or a shipping cost — the change waits here with what it would change, why, and how sure the
            agent is. Nothing changes until you approve it. Run <a href="#/agents">Inventory health</a> to check your
            inventory now.
          </p>
        </div>
      )}
      {rows.length > 0 && (
        <CardList rows={rows} focusRow={focusRow} focusTick={focusTick} onKeyDown={onKey} renderRow={renderRow} />
      )}
      {loaded && <ResolvedList proposals={resolved} agentName={agentName} />}
    </section>
  );
}

/** The last "Apply and publish": its card has left the list by the time the answer comes. */
function PublishNote() {
  const last = useProposalPublish((s) => s.last);
  if (!last) return null;
  return (
    <p className={last.ok ? 'decision' : 'decision error'} role="status" data-testid="publish-note">
      “{last.itemTitle}”: {last.text}
    </p>
  );
}

function DecisionNote() {
  const last = useApprovals((s) => s.last);
  if (!last) return null;
  const parts: string[] = [];
  if (last.applied) parts.push(`${last.applied.toLocaleString()} applied`);
  if (last.rejected) parts.push(`${last.rejected.toLocaleString()} rejected`);
  if (last.failed.length) parts.push(`${last.failed.length} failed`);
  return (
    <div className="decision" role="status" data-testid="decision">
      <p>{parts.length > 0 ? `${parts.join(', ')}.` : 'Nothing changed: those proposals were already decided.'}</p>
      {last.failed.map((p) => (
        <p key={p.id} className="error small">
          {p.summary}: {p.result}
        </p>
      ))}
    </div>
  );
}
