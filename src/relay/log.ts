/**
 * The relay's log: one JSON line per event. Callers pass only fields chosen for logging
 * (method, path without its query, status, codes), never headers or bodies; as a second
 * guard every line is scrubbed of the configured secrets and of anything shaped like an eBay
 * token before it is written.
 */
export type LogFields = Record<string, string | number | boolean | null | undefined>;
export type LogSink = (line: string) => void;

export interface RelayLog {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
}

// eBay tokens start with "v^1.1#" and run on without spaces.
const EBAY_TOKEN = /v\^1\.1#[^\s"]*/g;
const REDACTED = '[redacted]';

export function createRelayLog(secrets: string[], sink: LogSink, now: () => number): RelayLog {
  // Longest first, so a secret containing another is removed whole.
  const known = secrets.filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  const scrub = (line: string) => {
    let out = line.replace(EBAY_TOKEN, REDACTED);
    for (const secret of known) out = out.split(secret).join(REDACTED);
    return out;
  };
  const write = (level: string, event: string, fields: LogFields = {}) =>
    sink(scrub(JSON.stringify({ time: new Date(now()).toISOString(), level, event, ...fields })));
  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
  };
}

export const stdoutSink: LogSink = (line) => {
  process.stdout.write(`${line}\n`);
};
