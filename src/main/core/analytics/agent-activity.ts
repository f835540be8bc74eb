/**
 * Agent runs and proposals as the dashboard counts them, read from the agents database by
 * the prefixes documented in src/main/core/agents/docs.ts (`run:`, `proposal:`). Only the
 * few fields counted here are parsed, so the agents code can grow its documents freely; a
 * document without even those is counted as unreadable, never guessed at.
 * The cache is dropped whenever the agents database changes and rebuilt on the next request.
 */
import { z } from 'zod';
import { RunOutcomeSchema, type RunOutcome } from '@shared/api/agents';
import type { Database } from '../db/open';
import { logger } from '../log';
import { changeFeedOf, type Following } from '../db/change-feed';

const log = logger('analytics');

export interface RunFact {
  day: string;
  outcome: RunOutcome;
}
export interface ProposalFact {
  day: string;
  /** Applied, and failed-to-apply, proposals were approved first (by the seller or autonomy). */
  state: 'pending' | 'approved' | 'rejected';
  itemId: string;
}
interface Facts {
  runs: RunFact[];
  proposals: ProposalFact[];
  unreadable: number;
}

const Instant = z.string().regex(/^\d{4}-\d{2}-\d{2}/);
const RunDoc = z.looseObject({
  type: z.literal('run'),
  outcome: RunOutcomeSchema,
  startedAt: Instant,
});
const ProposalDoc = z.looseObject({
  type: z.literal('proposal'),
  status: z.enum(['pending', 'approved', 'rejected', 'applied', 'failed']),
  createdAt: Instant,
  itemId: z.string(),
});

export class AgentActivity {
  private cache: Promise<Facts> | null = null;
  private readonly feed: Following;
  private stopped = false;

  constructor(
    private readonly db: Database,
    onChange: () => void,
  ) {
    this.feed = changeFeedOf(db, 'agents').follow(
      'now',
      (change) => {
        if (!change.id.startsWith('run:') && !change.id.startsWith('proposal:')) return;
        this.cache = null;
        onChange();
      },
      (error) => {
        if (!this.stopped) log.error('the agents changes feed stopped', error);
      },
    );
  }

  facts(): Promise<Facts> {
    if (!this.cache) {
      const read = this.read();
      this.cache = read;
      read.catch(() => {
        if (this.cache === read) this.cache = null;
      });
    }
    return this.cache;
  }

  stop(): void {
    this.stopped = true;
    this.feed.cancel();
  }

  private async read(): Promise<Facts> {
    const [runRows, proposalRows] = await Promise.all([
      this.db.allDocs({ startkey: 'run:', endkey: 'run:\uffff', include_docs: true }),
      this.db.allDocs({ startkey: 'proposal:', endkey: 'proposal:\uffff', include_docs: true }),
    ]);
    const facts: Facts = { runs: [], proposals: [], unreadable: 0 };
    for (const row of runRows.rows) {
      const doc = RunDoc.safeParse(row.doc);
      if (!doc.success) facts.unreadable++;
      else facts.runs.push({ day: doc.data.startedAt.slice(0, 10), outcome: doc.data.outcome });
    }
    for (const row of proposalRows.rows) {
      const doc = ProposalDoc.safeParse(row.doc);
      if (!doc.success) {
        facts.unreadable++;
        continue;
      }
      const { status } = doc.data;
      facts.proposals.push({
        day: doc.data.createdAt.slice(0, 10),
        state: status === 'pending' || status === 'rejected' ? status : 'approved',
        itemId: doc.data.itemId,
      });
    }
    return facts;
  }
}
