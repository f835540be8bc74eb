/**
 * Canary secrets pushed through the real code paths that log failures (an AI reply, an AI
 * route, a sync error), then the log file read from disk: the event is there, the canary is
 * not. The servers here echo the credentials back in their error bodies, as a misbehaving
 * proxy or server would, so without the log's rule every canary would reach the file.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startChatHarness, type ChatHarness } from '../chat/harness';
import { eventually, startDevice, type Device } from '../sync/devices';
import { logLines, readLog } from './read-log';

const canary = (prefix: string) => `${prefix}${randomBytes(12).toString('hex')}`;

describe('the log keeps secrets out by its rule', () => {
  describe('AI failures', () => {
    let h: ChatHarness;
    const key = canary('sk-canary-');
    const bearer = canary('canarybearer');
    beforeEach(async () => {
      h = await startChatHarness();
      await h.data('ai.setKey', { key });
    });
    afterEach(() => h.close());

    const echo = (status: number) => ({
      type: 'error' as const,
      status,
      error: {
        message: `Rejected key ${key}; upstream said Authorization: Bearer ${bearer}`,
        type: 'invalid_request_error',
        code: null,
      },
    });

    it('a failed chat reply is logged with what the provider said, without the key or the bearer token', async () => {
      h.server.chat.push(echo(400));
      const { conversationId } = await h.data<{ conversationId: string }>('chat.send', { text: 'Hi' });
      await h.core.chat.settled();
      const view = await h.data<{ messages: { status: string }[] }>('chat.messages.list', { conversationId });
      expect(view.messages[1]).toMatchObject({ status: 'failed' });
      // What the seller reads holds neither (the same rule applies to messages shown).
      expect(JSON.stringify(view.messages[1])).not.toContain(bearer);
      expect(JSON.stringify(view.messages[1])).not.toContain(key);
      await h.core.close();

      const text = await readLog(h.dir);
      expect(text).not.toContain(key);
      expect(text).not.toContain(bearer);
      const line = (await logLines(h.dir)).find((l) => l.area === 'chat' && l.msg.startsWith('the reply failed'));
      // The event and the provider's answer are there, with the secrets cut out of it.
      expect(JSON.stringify(line)).toContain('Rejected key [redacted]; upstream said Authorization: Bearer [redacted]');
    });

    it('a failed AI route is logged under the reference the seller sees, without the key or the bearer token', async () => {
      h.server.modelsReplies.push(echo(403));
      const result = await h.call('ai.models');
      expect(result).toMatchObject({ ok: false, error: { id: expect.stringMatching(/^[0-9a-f]{8}$/) } });
      const id = (result as { error: { id: string } }).error.id;
      expect(JSON.stringify(result)).not.toContain(bearer);
      await h.core.close();

      const text = await readLog(h.dir);
      expect(text).not.toContain(key);
      expect(text).not.toContain(bearer);
      const line = (await logLines(h.dir)).find((l) => l.ref === id);
      expect(line).toMatchObject({ route: 'ai.models', level: 'warn' });
      expect(JSON.stringify(line)).toContain('Rejected key [redacted]');
    });
  });

  describe('sync failures', () => {
    let device: Device;
    let server: http.Server;
    const password = canary('canary-pw-');
    beforeEach(async () => {
      device = await startDevice();
      // A server that fails every request and quotes the credentials it got in its reason.
      server = http.createServer((req, res) => {
        const header = req.headers.authorization ?? '';
        const decoded = Buffer.from(header.replace(/^Basic /, ''), 'base64').toString();
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'internal', reason: `no access for ${decoded} (${header})` }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    afterEach(async () => {
      await device.close();
      await new Promise((resolve) => server.close(resolve));
    });

    it('a sync error is logged without the password, plain or encoded', async () => {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await device.call('sync.configure', { url, username: 'seller', password, enabled: true });
      const synced = async () => (await logLines(device.dataDir)).filter((l) => l.area === 'sync');
      await eventually(async () => expect((await synced()).length).toBeGreaterThan(0));
      await device.core.close();

      const text = await readLog(device.dataDir);
      expect(text).not.toContain(password);
      expect(text).not.toContain(Buffer.from(`seller:${password}`).toString('base64'));
      expect(JSON.stringify(await synced())).toContain('[redacted]');
    });
  });
});
