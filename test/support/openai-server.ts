/**
 * A scripted OpenAI-compatible server for tests, speaking the real wire protocol:
 * `GET /v1/models`, `POST /v1/chat/completions` as JSON and as SSE (with
 * `stream_options.include_usage`), tool calls, real OpenAI error bodies, 429 with
 * `retry-after`. Listens on 127.0.0.1, port 0, over HTTP or HTTPS (see tls-ca.ts).
 *
 * Script it per test: `server.chat.push(reply, ...)` answers the next chat requests in
 * order; once the queue is empty every request gets `server.defaultChat`.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { ServerCert } from './tls-ca';

export interface ChatReply {
  type: 'chat';
  content?: string;
  toolCalls?: { name: string; arguments: string; id?: string }[];
  usage?: { prompt: number; completion: number; cached?: number };
  /** The model the answer names; default: the model asked for. */
  model?: string;
  /** Wait before answering (headers included). */
  delayMs?: number;
  /** Streaming only: wait between chunks. */
  chunkDelayMs?: number;
  /** Streaming only: how many characters of content per chunk (default 4). */
  chunkSize?: number;
  /**
   * Streaming only: after this many characters of content, send nothing more until `until`
   * settles, so a test can act mid-reply whatever the machine's speed.
   */
  pauseAfter?: Pause | Pause[];
}
/** A promise the test opens when it is ready for a paused reply to go on. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

export interface Pause {
  chars: number;
  until: Promise<unknown>;
}
export interface ErrorReply {
  type: 'error';
  status: number;
  error: { message: string; type: string | null; code: string | null; param?: string | null };
  headers?: Record<string, string>;
  delayMs?: number;
}
/** Accepts the request and never answers (timeouts, cancellation). */
export interface HangReply {
  type: 'hang';
}
/** Drops the connection without an answer. */
export interface DropReply {
  type: 'drop';
}
export type Reply = ChatReply | ErrorReply | HangReply | DropReply;

/** Error replies with the bodies OpenAI really sends. */
export const errors = {
  unauthorized: (): ErrorReply => ({
    type: 'error',
    status: 401,
    error: {
      message:
        'Incorrect API key provided: sk-te****************ey. You can find your API key at https://platform.openai.com/account/api-keys.',
      type: 'invalid_request_error',
      code: 'invalid_api_key',
      param: null,
    },
  }),
  modelNotFound: (model: string): ErrorReply => ({
    type: 'error',
    status: 404,
    error: {
      message: `The model \`${model}\` does not exist or you do not have access to it.`,
      type: 'invalid_request_error',
      code: 'model_not_found',
      param: null,
    },
  }),
  rateLimited: (retryAfterSeconds: number): ErrorReply => ({
    type: 'error',
    status: 429,
    headers: { 'retry-after': String(retryAfterSeconds), 'x-ratelimit-remaining-requests': '0' },
    error: {
      message: `Rate limit reached for gpt-4o-mini in organization org-test on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in ${retryAfterSeconds}s.`,
      type: 'requests',
      code: 'rate_limit_exceeded',
      param: null,
    },
  }),
  quota: (): ErrorReply => ({
    type: 'error',
    status: 429,
    error: {
      message:
        'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
      type: 'insufficient_quota',
      code: 'insufficient_quota',
      param: null,
    },
  }),
  server: (status = 500): ErrorReply => ({
    type: 'error',
    status,
    error: {
      message: 'The server had an error while processing your request. Sorry about that!',
      type: 'server_error',
      code: null,
      param: null,
    },
  }),
};

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown> | null;
}

export interface OpenAiServer {
  /** e.g. `http://127.0.0.1:53211/v1` — what goes in the base URL setting. */
  baseUrl: string;
  port: number;
  /** Replies for the next chat completion requests, in order. */
  chat: Reply[];
  /** Replies for the next model list requests, in order; then `models` is listed. */
  modelsReplies: Reply[];
  defaultChat: ChatReply;
  models: string[];
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export interface OpenAiServerOptions {
  /** Serve HTTPS with this certificate chain. */
  tls?: ServerCert;
  /** When set, any other bearer token gets OpenAI's real 401. */
  apiKey?: string;
  models?: string[];
}

let counter = 0;
const nextId = (prefix: string) => `${prefix}-test${(++counter).toString(36).padStart(6, '0')}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startOpenAiServer(options: OpenAiServerOptions = {}): Promise<OpenAiServer> {
  const sockets = new Set<Socket>();
  const state: Omit<OpenAiServer, 'baseUrl' | 'port' | 'close'> = {
    chat: [],
    modelsReplies: [],
    defaultChat: { type: 'chat', content: 'OK', usage: { prompt: 12, completion: 1 } },
    models: options.models ?? ['gpt-4o-mini', 'gpt-4o', 'text-embedding-3-small'],
    requests: [],
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Uint8Array[] = [];
    for await (const chunk of req) chunks.push(chunk as Uint8Array);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: Record<string, unknown> | null;
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
    } catch {
      return sendError(res, { type: 'error', status: 400, error: errorBody('We could not parse the JSON body.') });
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    state.requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body });

    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendError(res, errors.unauthorized());
    }
    if (req.method === 'GET' && path === '/v1/models') {
      const reply = state.modelsReplies.shift();
      if (reply) return sendReply(req, res, reply, body);
      return sendJson(res, 200, {
        object: 'list',
        data: state.models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'system' })),
      });
    }
    if (req.method === 'POST' && path === '/v1/chat/completions') {
      return sendReply(req, res, state.chat.shift() ?? state.defaultChat, body);
    }
    sendError(res, {
      type: 'error',
      status: 404,
      error: errorBody(`Invalid URL (${req.method} ${path})`, 'invalid_request_error', null),
    });
  };

  const sendReply = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    reply: Reply,
    body: Record<string, unknown> | null,
  ) => {
    if (reply.type === 'hang') return;
    if (reply.type === 'drop') return req.socket.destroy();
    if (reply.delayMs) await sleep(reply.delayMs);
    if (reply.type === 'error') return sendError(res, reply);
    const model = reply.model ?? String(body?.model ?? 'gpt-4o-mini');
    if (body?.stream === true) return streamChat(res, reply, model, body);
    sendJson(res, 200, completion(reply, model));
  };

  const server = options.tls
    ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, (req, res) => void handle(req, res))
    : http.createServer((req, res) => void handle(req, res));
  server.on(options.tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A client that rejects the certificate makes the TLS layer error; that is expected here.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return Object.assign(state, {
    baseUrl: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}/v1`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  });
}

function errorBody(message: string, type: string | null = 'invalid_request_error', code: string | null = null) {
  return { message, type, code, param: null };
}

function sendJson(res: http.ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': nextId('req'), ...headers });
  res.end(JSON.stringify(payload));
}

function sendError(res: http.ServerResponse, reply: ErrorReply) {
  sendJson(res, reply.status, { error: { param: null, ...reply.error } }, reply.headers);
}

function usageOf(reply: ChatReply) {
  const u = reply.usage ?? { prompt: 0, completion: 0 };
  return {
    prompt_tokens: u.prompt,
    completion_tokens: u.completion,
    total_tokens: u.prompt + u.completion,
    prompt_tokens_details: { cached_tokens: u.cached ?? 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0 },
  };
}

function completion(reply: ChatReply, model: string) {
  const toolCalls = reply.toolCalls?.map((t) => ({
    id: t.id ?? nextId('call'),
    type: 'function',
    function: { name: t.name, arguments: t.arguments },
  }));
  return {
    id: nextId('chatcmpl'),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    system_fingerprint: 'fp_test',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: toolCalls?.length ? (reply.content ?? null) : (reply.content ?? ''),
          refusal: null,
          ...(toolCalls?.length ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: toolCalls?.length ? 'tool_calls' : 'stop',
      },
    ],
    usage: usageOf(reply),
  };
}

async function streamChat(res: http.ServerResponse, reply: ChatReply, model: string, body: Record<string, unknown>) {
  const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
  const id = nextId('chatcmpl');
  const created = Math.floor(Date.now() / 1000);
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  const send = async (choices: unknown[], usage: unknown = null) => {
    const chunk = { id, object: 'chat.completion.chunk', created, model, system_fingerprint: 'fp_test', choices };
    res.write(`data: ${JSON.stringify(includeUsage ? { ...chunk, usage } : chunk)}\n\n`);
    if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
  };
  const choice = (delta: unknown, finish: string | null = null) => ({
    index: 0,
    delta,
    logprobs: null,
    finish_reason: finish,
  });

  await send([choice({ role: 'assistant', content: '', refusal: null })]);
  const text = reply.content ?? '';
  const size = reply.chunkSize ?? 4;
  for (let i = 0; i < text.length; i += size) {
    for (const pause of [reply.pauseAfter ?? []].flat()) {
      if (i >= pause.chars && i - size < pause.chars) await pause.until.catch(() => undefined);
    }
    if (res.destroyed) return;
    await send([choice({ content: text.slice(i, i + size) })]);
  }
  for (const [index, call] of (reply.toolCalls ?? []).entries()) {
    await send([
      choice({
        tool_calls: [
          { index, id: call.id ?? nextId('call'), type: 'function', function: { name: call.name, arguments: '' } },
        ],
      }),
    ]);
    for (let i = 0; i < call.arguments.length; i += 8) {
      await send([choice({ tool_calls: [{ index, function: { arguments: call.arguments.slice(i, i + 8) } }] })]);
    }
  }
  await send([choice({}, reply.toolCalls?.length ? 'tool_calls' : 'stop')]);
  if (includeUsage) await send([], usageOf(reply));
  res.end('data: [DONE]\n\n');
}
