/**
 * A tool an agent may call: a name, what it is for, its arguments as a zod schema (sent to
 * the model as JSON Schema and used to validate what the model sends back), and the code
 * that runs it. Tools that would change the seller's data only create proposals.
 */
import { z } from 'zod';
import type { AgentId } from '@shared/api/agents';
import type { ChatTool } from '../../ai/service';
import type { EventBus } from '../../events';
import type { InventoryService } from '../../inventory/service';
import type { SettingsStore } from '../../settings/store';
import type { NewProposal, ProposalStore } from '../proposals';

export interface ToolContext {
  runId: string;
  agent: AgentId;
  signal: AbortSignal;
  inventory: InventoryService;
  settings: SettingsStore;
  events: EventBus;
  /** The run's clock (tests pin it). */
  now: () => Date;
  proposals: ProposalStore;
  /** Creates a proposal for this run (auto-applied when the agent's autonomy allows). */
  propose(proposal: Omit<NewProposal, 'agent' | 'runId'>): Promise<{ id: string; status: string }>;
  /** Hands a task to a specialist (assistant only); answers what the specialist answered. */
  handoff(agent: AgentId, task: string): Promise<{ runId: string; answer: string; proposals: number }>;
}

export interface Tool<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  input: S;
  run(args: z.output<S>, ctx: ToolContext): Promise<unknown>;
}

export const tool = <S extends z.ZodType>(def: Tool<S>): Tool => def as unknown as Tool;

/** The tool as the chat completions API takes it. */
export function toChatTool(t: Tool): ChatTool {
  const { $schema, ...parameters } = z.toJSONSchema(t.input, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  void $schema;
  return { type: 'function', function: { name: t.name, description: t.description, parameters } };
}
