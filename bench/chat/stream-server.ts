/**
 * An OpenAI-compatible streaming server for the chat benchmark that records when it wrote
 * each token, so the time to the renderer's DOM can be measured per token. Each streamed
 * request takes the next script: paced (one token every `intervalMs`) or a burst (as fast
 * as the socket takes them). Non-streamed calls (conversation titles) get a short answer.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Script {
  tokens: string[];
  /** 0: write as fast as possible. */
  intervalMs: number;
  /** performance.timeOrigin + performance.now() right after each token was written. */
  sentAt: number[];
}

export const wallNow = () => performance.timeOrigin + performance.now();
const sleep = (t: number) => new Promise((resolve) => setTimeout(resolve, t));

export interface StreamServer {
  baseUrl: string;
  scripts: Script[];
  close(): Promise<void>;
}

export async function startStreamServer(): Promise<StreamServer> {
  const scripts: Script[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Uint8Array[] = [];
    req.on('data', (c: Uint8Array) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as { stream?: boolean; model?: string };
      const model = body.model ?? 'gpt-4o-mini';
      if (!body.stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: 'b',
            object: 'chat.completion',
            created: 0,
            model,
            choices: [{ index: 0, message: { role: 'assistant', content: 'Bench' }, finish_reason: 'stop' }],
            usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
          }),
        );
        return;
      }
      const script = scripts.shift();
      if (!script) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'no script', type: 'server_error', code: null } }));
        return;
      }
      void stream(res, script, model);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    scripts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function stream(res: http.ServerResponse, script: Script, model: string): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const chunk = (delta: object, finish: string | null = null, usage: object | null = null) =>
    `data: ${JSON.stringify({ id: 'b', object: 'chat.completion.chunk', created: 0, model, choices: usage ? [] : [{ index: 0, delta, finish_reason: finish }], usage })}\n\n`;
  res.write(chunk({ role: 'assistant', content: '' }));
  for (const token of script.tokens) {
    const ok = res.write(chunk({ content: token }));
    script.sentAt.push(wallNow());
    // Respect backpressure in a burst, so "sent" means handed to the socket, not queued here.
    if (!ok) await new Promise((resolve) => res.once('drain', resolve));
    if (script.intervalMs) await sleep(script.intervalMs);
  }
  res.write(chunk({}, 'stop'));
  res.write(
    chunk({}, null, {
      prompt_tokens: 10,
      completion_tokens: script.tokens.length,
      total_tokens: 10 + script.tokens.length,
    }),
  );
  res.end('data: [DONE]\n\n');
}
