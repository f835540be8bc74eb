/**
 * The seam between the chat and whoever writes the reply. Today the assistant answers
 * with one streamed AI call; the agents work replaces the producer with the assistant
 * agent's loop (tools, specialists) without touching how chat stores or streams replies.
 */
import type { ChatMessage as AiMessage } from '../ai/service';
import type { AiService } from '../ai/service';

export interface ReplyContext {
  conversationId: string;
  /** The assistant message being written. */
  messageId: string;
  /** The thread being answered, oldest first, ending with the seller's message. */
  history: { role: 'user' | 'assistant'; text: string }[];
  signal: AbortSignal;
}

export interface ReplyDone {
  type: 'done';
  model?: string;
  usage?: { promptTokens: number; completionTokens: number; cachedTokens: number } | null;
  costUsd?: number | null;
  agent?: string;
  toolCalls?: { id: string; name: string; arguments: string; result?: string }[];
}

export type ReplyEvent = { type: 'text'; text: string } | ReplyDone;

/** Yields text as it arrives and one `done`; throws an AiError on failure or when cancelled. */
export type ReplyProducer = (ctx: ReplyContext) => AsyncIterable<ReplyEvent>;

export const ASSISTANT_PROMPT =
  'You are FlipSync, an assistant for people who resell goods online (eBay sellers first). ' +
  'Answer clearly and concisely; use Markdown for lists, tables and code.';

/** The assistant as one streamed AI call over the thread. */
export function assistantProducer(ai: AiService): ReplyProducer {
  return async function* ({ conversationId, history, signal }) {
    const messages: AiMessage[] = [
      { role: 'system', content: ASSISTANT_PROMPT },
      ...history.map((m): AiMessage => ({ role: m.role, content: m.text })),
    ];
    for await (const event of ai.stream({ messages, signal, who: { conversationId } })) {
      if (event.type === 'text') yield { type: 'text', text: event.text };
      else if (event.type === 'done') {
        const r = event.result;
        yield {
          type: 'done',
          model: r.model,
          usage: r.usage,
          costUsd: r.costUsd,
          agent: 'assistant',
          toolCalls: r.toolCalls,
        };
      }
    }
  };
}
