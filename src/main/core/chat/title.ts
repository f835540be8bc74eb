/**
 * Conversation titles: the first words of the seller's message at once, then a short title
 * from one cheap AI call after the first reply. If that call fails, the first words stay.
 */
import type { AiService } from '../ai/service';

const MAX_WORDS = 7;
const MAX_CHARS = 60;

export function firstWords(text: string): string {
  const flat = text
    .replace(/[`*_#>[\]()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const words = flat.split(' ').slice(0, MAX_WORDS).join(' ');
  const cut = words.length > MAX_CHARS ? `${words.slice(0, MAX_CHARS - 1).trimEnd()}…` : words;
  return cut || 'New conversation';
}

/** A title from the AI, cleaned up; null when the answer is not usable as a title. */
export async function generateTitle(
  ai: AiService,
  conversationId: string,
  question: string,
  answer: string,
  signal: AbortSignal,
): Promise<string | null> {
  const result = await ai.complete({
    messages: [
      {
        role: 'system',
        content:
          'Write a title of at most six words for this conversation. Answer with the title only: no quotes, no full stop.',
      },
      { role: 'user', content: `Seller: ${question.slice(0, 1000)}\n\nAssistant: ${answer.slice(0, 1000)}` },
    ],
    who: { conversationId, purpose: 'chat-title' },
    signal,
    timeoutMs: 20_000,
  });
  const title = (result.content ?? '')
    .split('\n')[0]
    ?.replace(/^["'“”‘’\s]+|["'“”‘’.\s]+$/g, '')
    .trim();
  if (!title) return null;
  return title.length > MAX_CHARS ? `${title.slice(0, MAX_CHARS - 1).trimEnd()}…` : title;
}
