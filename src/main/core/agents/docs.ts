/**
 * How agents store their work in the `agents` database:
 *
 *   run:<ulid>                 one run, created when it starts and updated once when it ends
 *   step:<runUlid>:<ulid>      an append-only step of a run (model call, tool call, note)
 *   proposal:<ulid>            a change an agent suggests; its status moves as the seller decides
 *   agentcfg:<agent>           the seller's pause and autonomy choices for one agent
 *   agentcfg:all               the "pause all" switch
 *   pruned:<ulid>              what the dashboard counts of runs and proposals pruned away (prune.ts)
 */
import { monotonicFactory } from 'ulid';
import type { AgentId, Autonomy, Proposal, Run, Step } from '@shared/api/agents';

const nextUlid = monotonicFactory();

export type RunDoc = Omit<Run, 'id'> & { _id: string; _rev?: string; type: 'run' };
export type StepDoc = Step & { _id: string; _rev?: string; type: 'step'; runId: string };
export type ProposalDoc = Omit<Proposal, 'id' | 'group'> & {
  _id: string;
  _rev?: string;
  type: 'proposal';
  group?: Proposal['group'];
};
export interface AgentConfigDoc {
  _id: string;
  _rev?: string;
  type: 'agentcfg';
  paused: boolean;
  autonomy?: Autonomy;
}

export const newRunId = () => `run:${nextUlid()}`;
export const newProposalId = () => `proposal:${nextUlid()}`;
export const newGroupId = () => `group:${nextUlid()}`;
const runUlid = (runId: string) => runId.slice('run:'.length);
export const newStepId = (runId: string) => `step:${runUlid(runId)}:${nextUlid()}`;
export const stepRange = (runId: string) => ({
  startkey: `step:${runUlid(runId)}:`,
  endkey: `step:${runUlid(runId)}:\uffff`,
});
export const RUN_RANGE = { startkey: 'run:', endkey: 'run:\uffff' };
export const PROPOSAL_RANGE = { startkey: 'proposal:', endkey: 'proposal:\uffff' };
export const configId = (agent: AgentId | 'all') => `agentcfg:${agent}`;

export const toRun = ({ _id, _rev, type, ...rest }: RunDoc): Run => {
  void _rev;
  void type;
  return { id: _id, ...rest };
};
export const toProposal = ({ _id, _rev, type, ...rest }: ProposalDoc): Proposal => {
  void _rev;
  void type;
  // Proposals saved before groups existed have no group field.
  return { id: _id, ...rest, group: rest.group ?? null };
};
export const toStep = ({ _id, _rev, type, runId, ...rest }: StepDoc): Step => {
  void _rev;
  void type;
  void runId;
  return { ...rest, id: _id } as Step;
};

export const isNotFound = (error: unknown) => (error as { status?: number }).status === 404;
