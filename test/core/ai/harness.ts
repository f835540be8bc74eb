/** An AiService on a real LevelDB folder with real settings and secrets, for the AI tests. */
import { openDatabase, type Database } from '../../../src/main/core/db/open';
import { EventBus } from '../../../src/main/core/events';
import { FileSecretStore } from '../../../src/main/core/platform/file-secrets';
import { SettingsStore } from '../../../src/main/core/settings/store';
import { API_KEY_SECRET } from '../../../src/main/core/ai/connection';
import { AiService, type AiServiceOptions } from '../../../src/main/core/ai/service';
import type { Settings } from '../../../src/shared/api';
import { tempDir } from '../../support/temp-dir';

export interface AiHarness {
  ai: AiService;
  db: Database;
  settings: SettingsStore;
  secrets: FileSecretStore;
  events: EventBus;
  dir: string;
  /** Every wait the retry loop asked for, in ms. */
  waits: number[];
  close(): Promise<void>;
}

export async function startAi(
  ai: Partial<Settings['ai']>,
  options: { key?: string | null; service?: Partial<AiServiceOptions> } = {},
): Promise<AiHarness> {
  const dir = await tempDir('flipsync-ai-');
  const db = await openDatabase(dir.path, 'local');
  const events = new EventBus();
  const settings = new SettingsStore(db, events);
  const secrets = new FileSecretStore(dir.path);
  await settings.set({ ai: { preset: 'custom', ...ai } });
  if (options.key !== null) await secrets.set(API_KEY_SECRET, options.key ?? 'sk-test-key-0123456789');
  const waits: number[] = [];
  const service = new AiService({
    db,
    settings,
    secrets,
    events,
    // Nothing on the test machine's own store should decide a test's outcome.
    systemStore: async () => [],
    // Waits are recorded and shortened: the tests check what was asked, not the clock.
    retry: { sleep: async (ms) => void waits.push(ms) },
    ...options.service,
  });
  return {
    ai: service,
    db,
    settings,
    secrets,
    events,
    dir: dir.path,
    waits,
    async close() {
      await service.close();
      await db.close();
      await dir.remove();
    },
  };
}

/** Runs `fn` and answers what it threw. */
export async function caught(fn: () => Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await fn();
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail, and it succeeded');
}

export const hello = { messages: [{ role: 'user' as const, content: 'Hello' }], who: { conversationId: 'conv-1' } };
