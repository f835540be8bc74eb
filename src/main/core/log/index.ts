/**
 * The log: one module core, browser mode and the shell take their logger from. Lines are JSON
 * (pino), written to `<data folder>/logs/` once core has opened the log there (pino-roll: one
 * file a day, a size cap per file, a week kept), and to stderr before that. Every line passes
 * through the redaction rule in scrub.ts on its way out.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import pino, { type Logger, type LoggerOptions } from 'pino';
import pinoRoll from 'pino-roll';
import { LOG_BASENAME, LOG_DATE_FORMAT, LOG_FILE_SIZE, logDirOf, pruneLogs, tailLogs } from './files';
import { REDACTED, scrub } from './scrub';

export { rememberSecret } from './scrub';

const options: LoggerOptions = {
  // No hostname or pid: the lines may be shared with support, and they identify nothing useful.
  base: null,
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  serializers: { err: pino.stdSerializers.errWithCause },
  // Structured values (objects, not just strings) under these names never reach the line.
  redact: {
    paths: [
      'headers.authorization',
      'headers.Authorization',
      '*.headers.authorization',
      '*.headers.Authorization',
      'err.config.headers',
      'apiKey',
      'password',
      'token',
      'secret',
    ],
    censor: REDACTED,
  },
  hooks: { streamWrite: scrub },
};

const stderr = pino(options, pino.destination({ fd: 2, sync: true }));

/** Open log files, newest last: lines go to the newest (one core per process in the app). */
const sinks: Logger[] = [];
const current = (): Logger => sinks.at(-1) ?? stderr;

type Fields = Record<string, unknown>;

export interface Log {
  info(message: string, fields?: Fields): void;
  /** `error` is serialised with its stack and causes, then redacted like everything else. */
  warn(message: string, error?: unknown, fields?: Fields): void;
  error(message: string, error?: unknown, fields?: Fields): void;
}

/** The logger for one area of the app ("sync", "chat", …): its name is on every line. */
export function logger(area: string): Log {
  const line = (error: unknown, fields: Fields | undefined): Fields => ({
    area,
    ...fields,
    ...(error === undefined ? {} : { err: error }),
  });
  return {
    info: (message, fields) => current().info(line(undefined, fields), message),
    warn: (message, error, fields) => current().warn(line(error, fields), message),
    error: (message, error, fields) => current().error(line(error, fields), message),
  };
}

export interface CoreLog {
  /** The folder the files are in. */
  dir: string;
  /** The last `count` lines, oldest first, redacted again with what is known now. */
  tail(count: number): Promise<string[]>;
  /** Writes out what is buffered and closes the file; later lines go where they went before. */
  close(): Promise<void>;
}

const PRUNE_EVERY_MS = 60 * 60 * 1000;

export async function openLog(dataDir: string): Promise<CoreLog> {
  const dir = logDirOf(dataDir);
  // The lines can name items and servers: readable by this user only, like the databases.
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const stream = await pinoRoll({
    file: path.join(dir, LOG_BASENAME),
    extension: '.log',
    frequency: 'daily',
    dateFormat: LOG_DATE_FORMAT,
    size: LOG_FILE_SIZE,
    mode: 0o600,
    // Each line is on disk when the call returns: the last lines before a crash are the ones needed.
    sync: true,
  });
  const sink = pino(options, stream);
  sinks.push(sink);
  // SonicBoom keeps the path it writes to in `file` (pino-roll changes it as it rolls); untyped.
  const prune = () => pruneLogs(dir, (stream as unknown as { file: string }).file).catch(() => []);
  // pino-roll only prunes when it rolls; an app closed every evening never rolls, so prune here.
  await prune();
  const timer = setInterval(() => void prune(), PRUNE_EVERY_MS);
  timer.unref();
  let closed: Promise<void> | null = null;
  return {
    dir,
    tail: async (count) => (await tailLogs(dir, count)).map(scrub),
    close() {
      closed ??= new Promise<void>((resolve) => {
        clearInterval(timer);
        sinks.splice(sinks.indexOf(sink), 1);
        stream.once('close', () => resolve());
        stream.end();
      });
      return closed;
    },
  };
}
