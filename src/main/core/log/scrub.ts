/**
 * The redaction rule every log line passes through just before it is written, whoever wrote
 * it and however the value got there: known secret values (the secret store reports each one
 * it hands out or saves), authorization headers, credentials in addresses, and fields whose
 * name says they hold a secret. Lines are redacted by this rule, not by each caller's care.
 */

export const REDACTED = '[redacted]';

/** Values this short would blank out ordinary words; the pattern rules below still apply to them. */
const MIN_SECRET_LENGTH = 4;

const known = new Set<string>();

/** Remembers a secret value for the life of the process (a replaced key is still a secret). */
export function rememberSecret(value: string | null | undefined): void {
  if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return;
  known.add(value);
  // A log line is JSON: the value may appear with its quotes and backslashes escaped.
  const escaped = JSON.stringify(value).slice(1, -1);
  if (escaped !== value) known.add(escaped);
  // Sync sends `user:password` as HTTP Basic; the encoded form must not leak either.
  known.add(Buffer.from(value).toString('base64'));
}

/** "Basic <base64 of user:password>", but not the words "Basic settings". */
const basic = (match: string, word: string, encoded: string) =>
  Buffer.from(encoded, 'base64').toString('latin1').includes(':') ? `${word} ${REDACTED}` : match;

const PATTERNS: [RegExp, string | ((match: string, ...groups: string[]) => string)][] = [
  // "Authorization: Bearer abc…"
  [/\b(Bearer)(?:\s+|%20)[A-Za-z0-9._~+/=-]{4,}/gi, `$1 ${REDACTED}`],
  [/\b(Basic)(?:\s+|%20)([A-Za-z0-9+/]{4,}={0,2})/gi, basic],
  // Key shapes of OpenAI-style providers (sk-…, rk-…), wherever they turn up.
  [/\b(sk|rk|pk)-[A-Za-z0-9_*\-.]{8,}/g, REDACTED],
  // https://user:password@host → https://[redacted]@host
  [/([a-z][a-z0-9+.-]*:\/\/)[^\s/@"']+@/gi, `$1${REDACTED}@`],
  // "password":"…", "apiKey":"…", "access_token":"…", also in query strings (?token=…).
  [
    /("?(?:[a-z_]*pass(?:word)?|secret|[a-z_]*token|api[-_]?key|authorization|cookie|client[-_]?secret)"?\s*[:=]\s*"?)(?!Bearer\b|Basic\b|\[redacted\])((?:[^"\\\s&,}]|\\.)+)/gi,
    `$1${REDACTED}`,
  ],
];

/** The text with every known secret and every secret-shaped value replaced. */
export function scrub(text: string): string {
  let out = text;
  // Longest first, so a value that contains another is removed whole.
  for (const value of [...known].sort((a, b) => b.length - a.length)) {
    if (out.includes(value)) out = out.split(value).join(REDACTED);
  }
  for (const [pattern, replacement] of PATTERNS) {
    out = out.replace(pattern, replacement as (match: string, ...groups: string[]) => string);
  }
  return out;
}
