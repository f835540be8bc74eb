import type { ChatMessage, ChatTotals } from '@shared/api';

export const tokens = (n: number) => n.toLocaleString('en-US');

export function usd(n: number): string {
  return n >= 0.01 || n === 0 ? `$${n.toFixed(2)}` : `$${n.toFixed(4)}`;
}

/** "120 in · 480 out · $0.0004", or why there is no figure. */
export function messageCost(m: ChatMessage): string | null {
  if (m.role !== 'assistant' || m.status === 'streaming') return null;
  if (!m.usage) return m.status === 'done' ? 'The provider reported no token counts.' : null;
  const cost =
    typeof m.costUsd === 'number' ? usd(m.costUsd) : `cost unknown (no price for ${m.model ?? 'this model'})`;
  return `${tokens(m.usage.promptTokens)} in · ${tokens(m.usage.completionTokens)} out · ${cost}`;
}

export function totalsLine(t: ChatTotals): string {
  const unpriced = t.unpricedReplies ? ` (+${t.unpricedReplies} unpriced)` : '';
  return `${tokens(t.promptTokens + t.completionTokens)} tokens · ${usd(t.costUsd)}${unpriced}`;
}

export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Saves text as a file through the browser's download (works in Electron and browser mode). */
export function download(file: { fileName: string; mimeType: string; text: string }): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: `${file.mimeType};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A button's action, not a link: the navigation's own "Settings" link stays the only link by that name. */
/** Settings, opened at the AI provider's key (what a chat without a provider needs). */
export function openSettings(): void {
  window.location.hash = '#/settings?section=ai';
}
