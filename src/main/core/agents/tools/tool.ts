/**
 * A tool an agent may call: a name, what it is for, its arguments as a zod schema (sent to
 * the model as JSON Schema and used to validate what the model sends back), and the code
 * that runs it. Tools that would change the seller's data only create proposals.
 */
import type { Marketplace, SalesSource } from './data';
import { zodFunction } from 'openai/helpers/zod';
import { z } from 'zod';
import type { AgentId } from '@shared/api/agents';
import type { ChatTool } from '../../ai/service';
import type { EventBus } from '../../events';
import type { ModelImage } from '../../inventory/photos/for-model';
import type { PhotoStore } from '../../inventory/photos/store';
import type { InventoryService } from '../../inventory/service';
import type { SettingsStore } from '../../settings/store';
import type { NewProposal, ProposalStore } from '../proposals';

export interface ToolContext {
  runId: string;
  agent: AgentId;
  signal: AbortSignal;
  inventory: InventoryService;
  /** The seller's sales (the sales ledger in the app). */
  sales: SalesSource;
  /** The connected marketplace's listings and categories; answers null when none is connected. */
  market: Marketplace;
  settings: SettingsStore;
  events: EventBus;
  /** The run's clock (tests pin it). */
  now: () => Date;
  proposals: ProposalStore;
  /** The photo files, for tools that show photos to a model that accepts images. */
  photos: PhotoStore;
  /** Whether this run's model accepts images (Settings → AI, or its preset's default). */
  acceptsImages: boolean;
  /** Items whose photos went to the model in this run, with how many. */
  photosShown: Map<string, number>;
  /** Creates a proposal for this run (auto-applied when the agent's autonomy allows). */
  propose(proposal: Omit<NewProposal, 'agent' | 'runId'>): Promise<{ id: string; status: string }>;
  /** Hands a task to a specialist (assistant only); answers what the specialist answered. */
  handoff(agent: AgentId, task: string): Promise<{ runId: string; answer: string; proposals: number }>;
}

export interface Tool<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  input: S;
  /**
   * Sent as a strict schema (`strict: true`, every field required, optional ones nullable, no
   * other keys), so a model that supports it cannot send anything else. The zod schema still
   * validates every call: length limits, which strict schemas cannot carry, are checked there.
   */
  strict?: boolean;
  run(args: z.output<S>, ctx: ToolContext): Promise<unknown>;
}

export const tool = <S extends z.ZodType>(def: Tool<S>): Tool => def as unknown as Tool;

/** A tool result with images for the model: the runtime sends them after the tool's answer. */
export class WithImages {
  constructor(
    readonly result: unknown,
    readonly images: ModelImage[],
    /** Says what the images are, sent with them. */
    readonly caption: string,
  ) {}
}

/** Keywords providers refuse in strict schemas; the zod schema enforces them instead. */
const NOT_STRICT = new Set(['$schema', 'minLength', 'maxLength', 'default']);

/** `names`: the object maps property names (under `properties`, `$defs`), not keywords. */
function withoutUnsupported(schema: unknown, names = false): unknown {
  if (Array.isArray(schema)) return schema.map((s) => withoutUnsupported(s));
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([k]) => names || !NOT_STRICT.has(k))
      .map(([k, v]) => [
        k,
        !names && (k === 'enum' || k === 'const')
          ? v
          : withoutUnsupported(v, !names && (k === 'properties' || k === '$defs')),
      ]),
  );
}

/** The tool as the chat completions API takes it. */
export function toChatTool(t: Tool): ChatTool {
  if (t.strict) {
    // The SDK's own conversion: it refuses a schema strict mode cannot express.
    const fn = zodFunction({ name: t.name, description: t.description, parameters: t.input }).function;
    return {
      type: 'function',
      function: { ...fn, parameters: withoutUnsupported(fn.parameters) as Record<string, unknown> },
    };
  }
  const { $schema, ...parameters } = z.toJSONSchema(t.input, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  void $schema;
  return { type: 'function', function: { name: t.name, description: t.description, parameters } };
}
