/**
 * The assistant agent as the chat's reply producer: the seller's message starts an
 * assistant run (tools, handoffs) whose model calls stream, so text appears as it is
 * written; the reply is labelled with the agent that answered and the tool calls behind it.
 */
import { AiError } from '../ai/errors';
import type { ChatMessage } from '../ai/service';
import type { ReplyEvent, ReplyProducer } from '../chat/producer';
import { AppError } from '../errors';
import type { AgentsService } from './service';

export function assistantAgentProducer(agents: AgentsService): ReplyProducer {
  return async function* ({ history, signal }): AsyncGenerator<ReplyEvent> {
    const last = history.at(-1);
    const earlier = history.slice(0, -1).map((m): ChatMessage => ({ role: m.role, content: m.text }));
    // Text arrives by callback while the run goes on; this queue hands it to the generator.
    const queue: string[] = [];
    let wake: (() => void) | null = null;
    const onText = (text: string) => {
      queue.push(text);
      wake?.();
    };
    let started;
    try {
      started = await agents.run('assistant', 'chat', last?.text ?? '', { history: earlier, onText });
    } catch (error) {
      // Paused or over budget: the chat shows the reason as it shows an AI error.
      if (error instanceof AppError)
        throw new AiError(error.code === 'FORBIDDEN' ? 'budget' : 'config', error.message, error.hint);
      throw error;
    }
    const stop = () => agents.cancel(started.runId);
    signal.addEventListener('abort', stop, { once: true });
    try {
      let finished = false;
      const done = started.ended.finally(() => {
        finished = true;
        wake?.();
      });
      while (!finished || queue.length > 0) {
        if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        while (queue.length > 0) yield { type: 'text', text: queue.shift()! };
      }
      const { run, error } = await done;
      if (run.outcome === 'cancelled') throw new AiError('cancelled', 'The reply was stopped.');
      if (error instanceof AiError) throw error;
      if (run.outcome !== 'succeeded') {
        throw new AiError('unknown', run.error ?? 'The assistant could not answer.', 'Open Agents to see the run.');
      }
      const steps = await agents.runs.steps(run.id);
      const toolCalls = steps.flatMap((s) =>
        s.kind === 'tool' ? [{ id: s.callId, name: s.name, arguments: s.arguments, result: s.result }] : [],
      );
      const model = steps.findLast((s) => s.kind === 'model');
      yield {
        type: 'done',
        ...(model?.kind === 'model' ? { model: model.model } : {}),
        usage: { ...run.usage, cachedTokens: 0 },
        costUsd: run.costUsd,
        agent: run.answeredBy ?? 'assistant',
        toolCalls,
      };
    } finally {
      signal.removeEventListener('abort', stop);
    }
  };
}
