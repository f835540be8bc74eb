/** Whether a finished run's answer can stand: a specialist must have read the seller's data. */
import type { AgentDefinition } from './definition';
import type { LoopTotals } from './runtime';

export const NO_RESULT_HINT =
  'The model answered without looking at your data, so its answer was not used. It may not support tool calling: ' +
  'pick a model that does in Settings → AI, or run the agent again.';

/**
 * Why a specialist's answer cannot stand, or null: a task that needed the seller's data but
 * never read any (no tool call), or whose every tool call failed, was answered from nothing.
 */
export function noResultOf(def: AgentDefinition, t: LoopTotals): string | null {
  if (def.needsData !== true) return null;
  if (t.toolCalls === 0) return NO_RESULT_HINT;
  if ((t.toolFailures ?? 0) < t.toolCalls) return null;
  return `Every tool call of the run failed, so the model’s answer was not used. The last one answered: ${clipped(t.lastToolError ?? '')}`;
}

const clipped = (text: string) => (text.length > 300 ? `${text.slice(0, 300)}…` : text);
