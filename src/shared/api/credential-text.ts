/**
 * Keys and passwords travel in HTTP headers (a bearer token, eBay's IAF token, Basic auth),
 * which cannot carry control characters, and a key pasted with a line break or an invisible
 * character saves fine and then breaks every call with an error far from its cause. So they
 * are checked at save, and the message says which character, where.
 */
import type { z } from 'zod';

const NAMES: Record<number, string> = {
  0x09: 'a tab',
  0x0a: 'a line break',
  0x0d: 'a line break',
  0x20: 'a space',
  0xa0: 'a non-breaking space',
  0x200b: 'an invisible zero-width space',
  0xfeff: 'an invisible byte-order mark',
};

const describe = (code: number) =>
  NAMES[code] ??
  (code < 0x20 || code === 0x7f ? `a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')})` : null);

/**
 * The first character `text` may not hold, in words with its position (1-based), or null.
 * `asciiOnly`: tokens (API keys, client secrets) are printable ASCII; passwords may hold any
 * other letter, since Basic auth sends them encoded.
 */
export function badCharacter(text: string, asciiOnly: boolean): string | null {
  let at = 0;
  for (const ch of text) {
    at++;
    const code = ch.codePointAt(0)!;
    const named = describe(code);
    if (named && (asciiOnly || code !== 0x20)) return `${named} at character ${at}`;
    if (asciiOnly && (code < 0x21 || code > 0x7e))
      return `“${ch}” (U+${code.toString(16).toUpperCase().padStart(4, '0')}) at character ${at}, which a key never holds`;
  }
  return null;
}

/** A string refined so it can travel in a header; `what` names it in the message ("The API key"). */
export function headerSafe<T extends z.ZodString>(schema: T, what: string, asciiOnly: boolean) {
  return schema.superRefine((value, ctx) => {
    const bad = badCharacter(value, asciiOnly);
    if (bad) ctx.addIssue({ code: 'custom', message: `${what} contains ${bad}; paste it again without it.` });
  });
}
