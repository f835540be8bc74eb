/** What an agent is: a definition the registry lists and the runtime runs. */
import type { AgentId } from '@shared/api/agents';
import type { Tool, ToolContext } from './tools/tool';

export interface AgentDefinition {
  id: AgentId;
  name: string;
  purpose: string;
  /** The system prompt of a model-driven run. */
  instructions: string;
  tools: Tool[];
  /** Its own model; null: the model in Settings → AI. */
  model: string | null;
  /**
   * Its task is about the seller's own records: a run whose model never called a tool ends as
   * "No result" (the model may not support tool calling), not as a success made up from nothing.
   */
  needsData?: boolean;
  /** What a button run without input asks it to do. */
  defaultTask: string;
  /**
   * A run done in code, with no model (the inventory health scan). Answers the run's output.
   * When absent the run is the tool-calling loop over `instructions` and `tools`.
   */
  direct?: (ctx: ToolContext & { note(text: string): Promise<void>; trigger: string }) => Promise<string>;
}
