/**
 * Calls the browser-mode API from the test process, as the page does: over the WebSocket,
 * with the per-run token and the page's Origin. Used to set up what a seller would have
 * set up earlier (an AI endpoint and key) without driving the Settings page every time.
 */
import WebSocket from 'ws';

export async function callServed(servedUrl: string, calls: [route: string, input: unknown][]): Promise<unknown[]> {
  const url = new URL(servedUrl);
  const token = url.searchParams.get('token') ?? '';
  const ws = new WebSocket(`ws://${url.host}/api?token=${encodeURIComponent(token)}`, { origin: url.origin });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  try {
    const results: unknown[] = [];
    for (const [i, [route, input]] of calls.entries()) {
      const answer = new Promise<unknown>((resolve) => {
        const onMessage = (raw: WebSocket.RawData) => {
          const message = JSON.parse(raw.toString()) as { type: string; id?: number; result?: unknown };
          if (message.type === 'result' && message.id === i) {
            ws.off('message', onMessage);
            resolve(message.result);
          }
        };
        ws.on('message', onMessage);
      });
      ws.send(JSON.stringify({ id: i, route, input }));
      const result = (await answer) as { ok: boolean; data?: unknown; error?: { message: string } };
      if (!result.ok) throw new Error(`${route}: ${result.error?.message}`);
      results.push(result.data);
    }
    return results;
  } finally {
    ws.close();
  }
}

/** Points the served core's AI at an OpenAI-compatible server (the scripted one in tests). */
export async function useAiServer(servedUrl: string, baseUrl: string): Promise<void> {
  await callServed(servedUrl, [
    ['settings.set', { ai: { preset: 'custom', baseUrl } }],
    ['ai.setKey', { key: 'sk-e2e-test-0123456789' }],
  ]);
}
