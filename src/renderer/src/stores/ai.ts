import { create } from 'zustand';
import {
  AiKeyStatusSchema,
  AiModelsSchema,
  AiTestConnectionSchema,
  AiUsageTodaySchema,
  PriceTableSchema,
  type ApiError,
  type AiTestConnection,
  type AiUsageToday,
  type ModelPrice,
  type Result,
} from '@shared/api';
import type { z } from 'zod';
import { api } from '../api/client';

type Status = 'idle' | 'busy' | 'done' | 'failed';

interface AiStore {
  /** Whether a key is stored; the key itself never comes to the renderer. */
  key: z.infer<typeof AiKeyStatusSchema> | null;
  keyStatus: Status;
  keyError: ApiError | null;
  models: string[] | null;
  modelsStatus: Status;
  modelsError: ApiError | null;
  test: AiTestConnection | null;
  testStatus: Status;
  testError: ApiError | null;
  usage: AiUsageToday | null;
  usageError: ApiError | null;
  prices: ModelPrice[] | null;
  pricesStatus: Status;
  pricesError: ApiError | null;
  load(): Promise<void>;
  setKey(key: string): Promise<boolean>;
  clearKey(): Promise<void>;
  loadModels(): Promise<void>;
  testConnection(): Promise<void>;
  loadUsage(): Promise<void>;
  savePrices(prices: ModelPrice[]): Promise<boolean>;
}

const badShape: ApiError = { code: 'INTERNAL', message: 'The core answered in an unexpected shape.' };

/** The parsed data of a result, or the error to show. */
function read<T>(result: Result<unknown>, schema: z.ZodType<T>): { data: T } | { error: ApiError } {
  if (!result.ok) return { error: result.error };
  const parsed = schema.safeParse(result.data);
  return parsed.success ? { data: parsed.data } : { error: badShape };
}

export const useAiStore = create<AiStore>((set, get) => ({
  key: null,
  keyStatus: 'idle',
  keyError: null,
  models: null,
  modelsStatus: 'idle',
  modelsError: null,
  test: null,
  testStatus: 'idle',
  testError: null,
  usage: null,
  usageError: null,
  prices: null,
  pricesStatus: 'idle',
  pricesError: null,

  load: async () => {
    const [key, prices] = await Promise.all([api.call('ai.keyStatus', {}), api.call('ai.prices.get', {})]);
    const k = read(key, AiKeyStatusSchema);
    set('data' in k ? { key: k.data } : { keyError: k.error });
    const p = read(prices, PriceTableSchema);
    set('data' in p ? { prices: p.data } : { pricesError: p.error });
    await get().loadUsage();
  },
  setKey: async (key) => {
    set({ keyStatus: 'busy', keyError: null });
    const r = read(await api.call('ai.setKey', { key }), AiKeyStatusSchema);
    if ('error' in r) {
      set({ keyStatus: 'failed', keyError: r.error });
      return false;
    }
    set({ keyStatus: 'done', key: r.data });
    return true;
  },
  clearKey: async () => {
    set({ keyStatus: 'busy', keyError: null });
    const r = read(await api.call('ai.clearKey', {}), AiKeyStatusSchema);
    set('data' in r ? { keyStatus: 'done', key: r.data } : { keyStatus: 'failed', keyError: r.error });
  },
  loadModels: async () => {
    set({ modelsStatus: 'busy', modelsError: null });
    const r = read(await api.call('ai.models', {}), AiModelsSchema);
    set(
      'data' in r ? { modelsStatus: 'done', models: r.data.models } : { modelsStatus: 'failed', modelsError: r.error },
    );
  },
  testConnection: async () => {
    set({ testStatus: 'busy', testError: null, test: null });
    const r = read(await api.call('ai.testConnection', {}), AiTestConnectionSchema);
    set('data' in r ? { testStatus: 'done', test: r.data } : { testStatus: 'failed', testError: r.error });
    await get().loadUsage();
  },
  loadUsage: async () => {
    const r = read(await api.call('ai.usageToday', {}), AiUsageTodaySchema);
    set('data' in r ? { usage: r.data, usageError: null } : { usageError: r.error });
  },
  savePrices: async (prices) => {
    set({ pricesStatus: 'busy', pricesError: null });
    const r = read(await api.call('ai.prices.set', { prices }), PriceTableSchema);
    if ('error' in r) {
      set({ pricesStatus: 'failed', pricesError: r.error });
      return false;
    }
    set({ pricesStatus: 'done', prices: r.data });
    await get().loadUsage();
    return true;
  },
}));
