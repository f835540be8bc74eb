/** A conversation as a file the seller keeps: Markdown to read, JSON to re-import or process. */
import type { ChatMessage, ChatTotals, Conversation } from '@shared/api';

export interface ExportFile {
  fileName: string;
  mimeType: string;
  text: string;
}

export function exportConversation(
  format: 'markdown' | 'json',
  conversation: Conversation,
  messages: ChatMessage[],
  totals: ChatTotals,
  now = new Date(),
): ExportFile {
  const base = `${slug(conversation.title)}-${now.toISOString().slice(0, 10)}`;
  if (format === 'json') {
    const body = { format: 'flipsync-chat', version: 1, exportedAt: now.toISOString(), conversation, messages, totals };
    return { fileName: `${base}.json`, mimeType: 'application/json', text: `${JSON.stringify(body, null, 2)}\n` };
  }
  return { fileName: `${base}.md`, mimeType: 'text/markdown', text: markdown(conversation, messages, totals, now) };
}

function markdown(conversation: Conversation, messages: ChatMessage[], totals: ChatTotals, now: Date): string {
  const lines = [`# ${conversation.title}`, ''];
  const cost = totals.costUsd > 0 ? `, $${totals.costUsd.toFixed(4)}` : '';
  lines.push(
    `_Exported from FlipSync on ${now.toISOString()}: ${messages.length} messages, ` +
      `${totals.promptTokens + totals.completionTokens} tokens${cost}._`,
    '',
  );
  for (const m of messages) {
    const who = m.role === 'user' ? 'You' : `Assistant${m.model ? ` (${m.model})` : ''}`;
    lines.push(`## ${who} · ${m.createdAt}`, '', m.text || '_(no text)_', '');
    if (m.status === 'stopped') lines.push(`_${m.interrupted ? 'Interrupted' : 'Stopped'} before the end._`, '');
    if (m.status === 'failed' && m.error) lines.push(`_Failed: ${m.error.message}_`, '');
    if (m.status === 'streaming') lines.push('_Still being written when exported._', '');
  }
  return lines.join('\n');
}

function slug(title: string): string {
  const s = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return s || 'conversation';
}
