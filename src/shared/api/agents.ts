/**
 * Agents, their runs and the proposals they make. Everything here is computed from what
 * the agents database holds: a status is derived from runs, never stored as a constant.
 */
import { z } from 'zod';
import { route } from './route';

export const AGENT_IDS = ['assistant', 'health', 'pricing', 'listing', 'research', 'shipping'] as const;
export const AgentIdSchema = z.enum(AGENT_IDS, { error: `Name one of the agents: ${AGENT_IDS.join(', ')}.` });
export type AgentId = z.infer<typeof AgentIdSchema>;

export const TriggerSchema = z.enum(['chat', 'schedule', 'button']);
export type Trigger = z.infer<typeof TriggerSchema>;

/** `no-result`: the model answered without looking at the seller's data the task needed. */
export const RunOutcomeSchema = z.enum(['running', 'succeeded', 'failed', 'cancelled', 'no-result']);
export type RunOutcome = z.infer<typeof RunOutcomeSchema>;

export const AutonomySchema = z
  .object({
    /** suggest: every proposal waits for the seller; auto: low-risk ones at or above minConfidence apply at once. */
    mode: z.enum(['suggest', 'auto']),
    minConfidence: z.number().min(0).max(1),
    /** A price cut larger than this (percent) always waits for the seller, whatever the mode. */
    maxAutoPriceCutPct: z.number().min(0).max(100),
  })
  .strict();
export type Autonomy = z.infer<typeof AutonomySchema>;

const Usage = z.object({ promptTokens: z.number().int(), completionTokens: z.number().int() });

export const RunSchema = z.object({
  id: z.string(),
  agent: AgentIdSchema,
  trigger: TriggerSchema,
  input: z.string(),
  outcome: RunOutcomeSchema,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** What the run answered (the model's final text, or the scan's summary). */
  output: z.string().nullable(),
  error: z.string().nullable(),
  usage: Usage,
  /** null: some call had no price in the table, so the cost is unknown, not zero. */
  costUsd: z.number().nullable(),
  modelCalls: z.number().int(),
  toolCalls: z.number().int(),
  proposals: z.number().int(),
  /** The run that handed this one its task (assistant → specialist). */
  parentRunId: z.string().nullable(),
  /** Which agent wrote the answer the seller saw (a specialist after a handoff). */
  answeredBy: AgentIdSchema.nullable(),
});
export type Run = z.infer<typeof RunSchema>;

export const StepSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('model'),
    id: z.string(),
    at: z.string(),
    model: z.string(),
    content: z.string().nullable(),
    toolCalls: z.array(z.object({ id: z.string(), name: z.string(), arguments: z.string() })),
    usage: Usage.nullable(),
    costUsd: z.number().nullable(),
    latencyMs: z.number(),
  }),
  z.object({
    kind: z.literal('tool'),
    id: z.string(),
    at: z.string(),
    callId: z.string(),
    name: z.string(),
    arguments: z.string(),
    result: z.string(),
    ok: z.boolean(),
  }),
  z.object({ kind: z.literal('note'), id: z.string(), at: z.string(), text: z.string() }),
]);
export type Step = z.infer<typeof StepSchema>;

export const AgentStatusSchema = z.enum(['idle', 'running', 'failed', 'no-result', 'paused']);

export const AgentInfoSchema = z.object({
  id: AgentIdSchema,
  name: z.string(),
  purpose: z.string(),
  instructions: z.string(),
  tools: z.array(z.string()),
  /** The model it asks for; null: the model in Settings → AI (or no model at all for rule-based agents). */
  model: z.string().nullable(),
  usesModel: z.boolean(),
  autonomy: AutonomySchema,
  paused: z.boolean(),
  status: AgentStatusSchema,
  lastRun: RunSchema.nullable(),
  runs: z.number().int(),
  /** Succeeded / finished runs (cancelled runs count for neither); null before the first finished run. */
  successRate: z.number().nullable(),
  costUsd: z.number(),
  /** Whether some run's cost is unknown (model without a price). */
  costIncomplete: z.boolean(),
});
export type AgentInfo = z.infer<typeof AgentInfoSchema>;

export const ProposalStatusSchema = z.enum(['pending', 'approved', 'rejected', 'applied', 'failed']);
export type ProposalStatus = z.infer<typeof ProposalStatusSchema>;

export const ProposalKindSchema = z.enum(['price', 'markdown', 'fill', 'listing', 'shipping']);
export type ProposalKind = z.infer<typeof ProposalKindSchema>;

/** Where a proposal belongs: one scan's proposals of a kind, decided as one or item by item. */
export const ProposalGroupRefSchema = z.object({
  id: z.string(),
  /** The group's markdown percentage; null for kinds without one. */
  pct: z.number().nullable(),
});
export type ProposalGroupRef = z.infer<typeof ProposalGroupRefSchema>;

/** A live eBay listing like the item: an asking price, not a sale. */
export const MarketCompSchema = z.object({
  title: z.string(),
  price: z.number(),
  url: z.string(),
  condition: z.string(),
});
export type MarketComp = z.infer<typeof MarketCompSchema>;

/** What the market search found for one item, and how it matched. */
export const MarketCompsSchema = z.object({
  matchedBy: z.enum(['gtin', 'keywords']),
  /** In words: what was searched for. */
  query: z.string(),
  comps: z.array(MarketCompSchema),
  /** Listings left out as outliers. */
  left: z.number(),
  currency: z.string(),
});
export type MarketComps = z.infer<typeof MarketCompsSchema>;

/** An item specific of an eBay category: whether eBay requires it, and values it offers. */
export const CategoryAspectSchema = z.object({
  name: z.string(),
  required: z.boolean(),
  /** false: only the listed values are accepted. */
  freeText: z.boolean(),
  values: z.array(z.string()),
});
export type CategoryAspect = z.infer<typeof CategoryAspectSchema>;

/** A leaf eBay category an item could be listed in, with its path and item specifics. */
export const CategoryChoiceSchema = z.object({
  categoryId: z.string(),
  name: z.string(),
  path: z.string(),
  aspects: z.array(CategoryAspectSchema),
});
export type CategoryChoice = z.infer<typeof CategoryChoiceSchema>;

export const ProposalSchema = z.object({
  id: z.string(),
  agent: AgentIdSchema,
  runId: z.string(),
  kind: ProposalKindSchema,
  itemId: z.string(),
  itemTitle: z.string(),
  /** The item's revision when the agent looked at it. */
  itemRev: z.string(),
  /** One line: what would change. */
  summary: z.string(),
  before: z.record(z.string(), z.unknown()),
  after: z.record(z.string(), z.unknown()),
  why: z.string(),
  confidence: z.number().min(0).max(1),
  risk: z.enum(['low', 'high']),
  status: ProposalStatusSchema,
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.enum(['seller', 'auto']).nullable(),
  /** Why applying failed, or what applying did. */
  result: z.string().nullable(),
  /** null: decided on its own. */
  group: ProposalGroupRefSchema.nullable(),
  /** The live listings a price proposal compared with, shown with their links. */
  comps: z.array(MarketCompSchema).optional(),
});
export type Proposal = z.infer<typeof ProposalSchema>;

/** A group as one card: its members counted by status, and what deciding it would do. */
export const ProposalGroupSchema = z.object({
  id: z.string(),
  agent: AgentIdSchema,
  runId: z.string(),
  kind: ProposalKindSchema,
  /** "Mark down 190 stale listings by 10%": counts the members still waiting. */
  summary: z.string(),
  pct: z.number().nullable(),
  createdAt: z.string(),
  total: z.number().int(),
  pending: z.number().int(),
  applied: z.number().int(),
  rejected: z.number().int(),
  failed: z.number().int(),
});
export type ProposalGroup = z.infer<typeof ProposalGroupSchema>;

const RunIdSchema = z.string().regex(/^run:[0-9A-HJKMNP-TV-Z]{26}$/, 'Use a run id such as run:01J….');
const ProposalIdSchema = z
  .string()
  .regex(/^proposal:[0-9A-HJKMNP-TV-Z]{26}$/, 'Use a proposal id such as proposal:01J….');
const GroupIdSchema = z.string().regex(/^group:[0-9A-HJKMNP-TV-Z]{26}$/, 'Use a group id such as group:01J….');
const none = z.object({}).strict().optional();
const Target = z.object({ agent: AgentIdSchema.optional() }).strict();

export const ResolveResultSchema = z.object({ proposals: z.array(ProposalSchema) });
/** The group as it stands after the call, and the members the call decided or changed. */
export const GroupResultSchema = z.object({ group: ProposalGroupSchema, proposals: z.array(ProposalSchema) });

export const agentRoutes = {
  'agents.list': route({
    summary: 'Every agent with its status, last run, success rate, runs and spend, computed from its runs.',
    input: none,
    output: z.object({ agents: z.array(AgentInfoSchema), allPaused: z.boolean() }),
  }),
  'agents.get': route({
    summary: 'One agent and its most recent runs.',
    input: z.object({ agent: AgentIdSchema, limit: z.number().int().min(1).max(200).default(20) }).strict(),
    output: z.object({ agent: AgentInfoSchema, runs: z.array(RunSchema) }),
  }),
  'agents.run': route({
    summary: 'Start a run now (button); answers once the run is recorded, before it finishes.',
    input: z.object({ agent: AgentIdSchema, input: z.string().trim().max(4000).optional() }).strict(),
    output: z.object({ runId: z.string() }),
  }),
  'agents.pause': route({
    summary: 'Pause one agent, or all of them when no agent is named (scheduled and new runs wait).',
    input: Target,
    output: z.object({ paused: z.array(AgentIdSchema), allPaused: z.boolean() }),
  }),
  'agents.resume': route({
    summary: 'Resume one agent, or lift the pause on all when no agent is named.',
    input: Target,
    output: z.object({ paused: z.array(AgentIdSchema), allPaused: z.boolean() }),
  }),
  'agents.setAutonomy': route({
    summary: "Set an agent's autonomy: suggest only, or auto-apply low-risk proposals above a confidence.",
    input: z.object({ agent: AgentIdSchema, autonomy: AutonomySchema }).strict(),
    output: AgentInfoSchema,
  }),
  'agents.cancelRun': route({
    summary: 'Stop a run in progress; it is recorded as cancelled.',
    input: z.object({ runId: RunIdSchema }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  }),
  'agents.runDetail': route({
    summary: 'A run with every step: model calls, tool calls with arguments and results.',
    input: z.object({ runId: RunIdSchema }).strict(),
    output: z.object({ run: RunSchema, steps: z.array(StepSchema), proposals: z.array(ProposalSchema) }),
  }),
  'proposals.list': route({
    summary: 'Proposals, newest first; pending ones by default.',
    input: z
      .object({
        status: z.array(ProposalStatusSchema).max(5).default(['pending']),
        limit: z.number().int().min(1).max(1000).default(200),
        /** How many matching proposals to skip: the next page starts there. */
        offset: z.number().int().min(0).max(10_000_000).default(0),
        /** Only these agents' proposals (and groups); none given: every agent's. */
        agent: z.array(AgentIdSchema).max(10).optional(),
        /** Only proposals of these kinds; none given: every kind. */
        kind: z.array(ProposalKindSchema).max(10).optional(),
      })
      .strict(),
    output: z.object({
      proposals: z.array(ProposalSchema),
      /** Every proposal waiting, whatever the filters. */
      pending: z.number().int(),
      /** How many match the status and filters (this answer holds `limit` of them from `offset`). */
      matching: z.number().int(),
      /** Waiting proposals by agent and by kind, whatever the filters: the counts a filter shows. */
      waiting: z.object({
        agent: z.partialRecord(AgentIdSchema, z.number().int()),
        kind: z.partialRecord(ProposalKindSchema, z.number().int()),
      }),
      /** Every group matching the filters with a member still waiting, newest first. */
      groups: z.array(ProposalGroupSchema),
    }),
  }),
  'proposals.approve': route({
    summary: 'Approve proposals and apply them to the items; each answers applied or failed with the reason.',
    input: z.object({ ids: z.array(ProposalIdSchema).min(1).max(1000) }).strict(),
    output: ResolveResultSchema,
  }),
  'proposals.reject': route({
    summary: 'Reject proposals; the items stay as they are.',
    input: z.object({ ids: z.array(ProposalIdSchema).min(1).max(1000) }).strict(),
    output: ResolveResultSchema,
  }),
  'proposals.approveGroup': route({
    summary:
      'Approve every waiting member of a group; each item is applied or fails on its own, decided ones stay as they are.',
    input: z.object({ groupId: GroupIdSchema }).strict(),
    output: GroupResultSchema,
  }),
  'proposals.rejectGroup': route({
    summary: 'Reject every waiting member of a group; the items stay as they are.',
    input: z.object({ groupId: GroupIdSchema }).strict(),
    output: GroupResultSchema,
  }),
  'proposals.editGroup': route({
    summary:
      "Change a markdown group's percentage: each waiting member's price is computed again, never below break-even unless allowed.",
    input: z
      .object({
        groupId: GroupIdSchema,
        pct: z
          .number({ error: 'Give the markdown as a percentage, e.g. 10.' })
          .min(1, 'A markdown is at least 1%.')
          .max(90, 'A markdown is at most 90%.'),
      })
      .strict(),
    output: GroupResultSchema,
  }),
};

export const ProposalCreatedEventSchema = z.object({
  id: z.string(),
  agent: AgentIdSchema,
  agentName: z.string(),
  itemId: z.string(),
  itemTitle: z.string(),
  summary: z.string(),
  status: ProposalStatusSchema,
});
export const ProposalResolvedEventSchema = z.object({
  id: z.string(),
  status: ProposalStatusSchema,
  result: z.string().nullable(),
  pending: z.number().int(),
});
export const RunFinishedEventSchema = z.object({
  runId: z.string(),
  agent: AgentIdSchema,
  agentName: z.string(),
  outcome: RunOutcomeSchema,
  proposals: z.number().int(),
});
export const RunFailedEventSchema = z.object({
  runId: z.string(),
  agent: AgentIdSchema,
  agentName: z.string(),
  error: z.string(),
});
/**
 * A run was recorded as started (Run now, the schedule, chat or a handoff). Carries the run
 * as saved, so a page can list it and show its agent running without asking core again.
 */
export const RunStartedEventSchema = z.object({
  runId: z.string(),
  agent: AgentIdSchema,
  trigger: TriggerSchema,
  at: z.string(),
  run: RunSchema,
});
/** A step was appended to a run: the same step `agents.runDetail` answers, in the order saved. */
export const RunStepEventSchema = z.object({
  runId: z.string(),
  agent: AgentIdSchema,
  step: StepSchema,
  at: z.string(),
});
