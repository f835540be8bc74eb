/**
 * The Approvals inbox: every change an agent wants to make waits here for the seller.
 * Keyboard: j/k or ↓/↑ move, x or space selects, a approves, r rejects (the selection when
 * there is one, else the proposal or group in focus), o opens or closes the group in focus.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useAgents } from '../../stores/agents';
import { useApprovals } from '../../stores/approvals';
import '../agents/agents.css';
import './approvals.css';
import { ProposalCard } from './ProposalCard';
import { GroupCard } from './GroupCard';
import { ResolvedList } from './ResolvedList';
import { ErrorText } from '../../components/ErrorRef';

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

export function ApprovalsPage() {
  const { pending, groups, expanded, resolved, loaded, error, selected, focus, busy, last } = useApprovals();
  const agents = useAgents((s) => s.agents);
  const listRef = useRef<HTMLUListElement>(null);
  /** Set by a key press in the list, so the browser focus follows the store's focus. */
  const keyboard = useRef(false);

  useEffect(() => {
    const stop = useApprovals.getState().watch();
    void useApprovals.getState().load({ firstPage: true });
    if (useAgents.getState().agents.length === 0) void useAgents.getState().load();
    return stop;
  }, []);

  useEffect(() => {
    if (!keyboard.current || !focus) return;
    const cards = listRef.current?.querySelectorAll<HTMLElement>('[data-id]') ?? [];
    for (const card of cards) if (card.dataset.id === focus) card.focus();
  }, [focus, pending, expanded]);

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
    };
    const group = selected.length === 0 && focus !== null && groups.some((g) => g.id === focus) ? focus : null;
    if (key === 'j' || key === 'ArrowDown') act(() => store.move(1));
    else if (key === 'k' || key === 'ArrowUp') act(() => store.move(-1));
    else if (key === 'a') act(() => void (group ? store.approveGroup(group) : store.approve(targets())));
    else if (key === 'r') act(() => void (group ? store.rejectGroup(group) : store.reject(targets())));
    else if (key === 'o' && group) act(() => store.toggleExpanded(group));
    else if (group) return;
    else if ((key === 'x' || key === ' ') && focus && target.tagName !== 'BUTTON') act(() => store.toggle(focus));
  };

  const allSelected = pending.length > 0 && selected.length === pending.length;
  const shownGroups = new Set(groups.map((g) => g.id));
  const ungrouped = pending.filter((p) => !p.group || !shownGroups.has(p.group.id));
  return (
    <section className="approvals-page" aria-labelledby="approvals-title">
      <header className="approvals-toolbar">
        <h1 id="approvals-title">Approvals</h1>
        {pending.length > 0 && (
          <>
            <label className="select-all">
              <input
                type="checkbox"
                checked={allSelected}
                onChange={(e) => useApprovals.getState().selectAll(e.target.checked)}
              />{' '}
              Select all {pending.length}
            </label>
            <button
              type="button"
              className="approve"
              disabled={busy || selected.length === 0}
              onClick={() => void useApprovals.getState().approve(selected)}
            >
              Approve selected ({selected.length})
            </button>
            <button
              type="button"
              disabled={busy || selected.length === 0}
              onClick={() => void useApprovals.getState().reject(selected)}
            >
              Reject selected ({selected.length})
            </button>
          </>
        )}
      </header>
      {pending.length > 0 && (
        <p className="muted small keys-help">
          Keys: <kbd>j</kbd>/<kbd>k</kbd> or <kbd>↓</kbd>/<kbd>↑</kbd> move · <kbd>x</kbd> select · <kbd>a</kbd> approve
          · <kbd>r</kbd> reject (the selected proposals, or the one in focus; a group as a whole) · <kbd>o</kbd> open a
          group to decide item by item.
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          <ErrorText error={error} />
        </p>
      )}
      {last && <DecisionNote />}
      {!loaded && !error && <p className="muted">Loading proposals…</p>}
      {loaded && pending.length === 0 && (
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
      {pending.length > 0 && (
        <ul className="proposal-list" ref={listRef} onKeyDown={onKey} aria-label="Waiting for you">
          {groups.map((g) => (
            <GroupCard
              key={g.id}
              group={g}
              members={pending.filter((p) => p.group?.id === g.id)}
              agentName={agentName(g.agent)}
              expanded={expanded.includes(g.id)}
              focus={focus}
              selected={selected}
              busy={busy}
            />
          ))}
          {ungrouped.map((p) => (
            <ProposalCard
              key={p.id}
              proposal={p}
              agentName={agentName(p.agent)}
              focused={p.id === focus}
              selected={selected.includes(p.id)}
              busy={busy}
            />
          ))}
        </ul>
      )}
      {loaded && <ResolvedList proposals={resolved} agentName={agentName} />}
    </section>
  );
}

function DecisionNote() {
  const last = useApprovals((s) => s.last);
  if (!last) return null;
  const parts: string[] = [];
  if (last.applied) parts.push(`${last.applied} applied`);
  if (last.rejected) parts.push(`${last.rejected} rejected`);
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
