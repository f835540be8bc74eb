/**
 * The AI provider as the rest of core sees it: `complete` and `stream` for chat and
 * agents, plus what Settings needs (models, test connection, usage, prices). Every call
 * goes through the budget gate, the trusted fetch, classified errors and retries, and
 * leaves a usage document saying who made it and what it cost (both in metering.ts).
 */
import type OpenAI from 'openai';
import type { AiTestConnection, AiUsageToday, ModelPrice } from '@shared/api';
import type { Database } from '../db/open';
import type { EventBus } from '../events';
import type { SecretStore } from '../platform/types';
import type { SettingsStore } from '../settings/store';
import { ConnectionFactory, type Connection } from './connection';
import { AiError } from './errors';
import { Metering } from './metering';
import type { TokenUsage } from './prices';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry';
import type { ProxyEnv, SystemStore } from '../net/trust';
import { TrustedFetches } from '../net/trusted-fetches';
import type { Who } from './usage';

export type ChatMessage = OpenAI.Chat.Completions.ChatCompletionMessageParam;
export type ChatTool = OpenAI.Chat.Completions.ChatCompletionTool;

export interface CompleteRequest {
  messages: ChatMessage[];
  tools?: ChatTool[];
  signal?: AbortSignal;
  who: Who;
  /** Another model than the one in settings (an agent's own model). */
  model?: string;
  temperature?: number;
  timeoutMs?: number;
}

export interface ToolCall {
  id: string;
  name: string;
  /** JSON text exactly as the model wrote it; the caller parses and validates it. */
  arguments: string;
}

export interface CompleteResult {
  content: string | null;
  toolCalls: ToolCall[];
  finishReason: string | null;
  /** The model that answered, as the provider names it. */
  model: string;
  usage: TokenUsage | null;
  costUsd: number | null;
  latencyMs: number;
}

export type StreamEvent =
  | { type: 'text'; text: string }
  | { type: 'tool_call'; index: number; id?: string; name?: string; argumentsDelta: string }
  | { type: 'done'; result: CompleteResult };

export interface AiServiceOptions {
  db: Database;
  settings: SettingsStore;
  secrets: SecretStore;
  events: EventBus;
  systemStore?: SystemStore;
  /** Defaults to the environment's HTTPS_PROXY / HTTP_PROXY / NO_PROXY. */
  proxy?: ProxyEnv;
  /** The process's shared trusted fetch (then systemStore and proxy are its business). */
  trust?: TrustedFetches;
  retry?: Partial<RetryPolicy>;
  now?: () => Date;
  timeoutMs?: number;
}

export class AiService {
  readonly metering: Metering;
  readonly connections: ConnectionFactory;
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly ownTrust: TrustedFetches | null;

  constructor(private readonly options: AiServiceOptions) {
    this.metering = new Metering(options.db, options.settings, options.events, options.now);
    this.ownTrust = options.trust
      ? null
      : new TrustedFetches({ systemStore: options.systemStore, proxy: options.proxy });
    this.connections = new ConnectionFactory(options.settings, options.secrets, options.trust ?? this.ownTrust!);
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? 120_000;
  }

  async complete(req: CompleteRequest): Promise<CompleteResult> {
    const conn = await this.open(req);
    const started = performance.now();
    const response = await withRetry(
      () => conn.client.chat.completions.create(this.params(conn, req), { signal: req.signal }),
      conn.classify,
      this.retry,
      req.signal,
    );
    const choice = response.choices[0];
    const usage = response.usage ? tokenUsage(response.usage) : null;
    const result: CompleteResult = {
      content: choice?.message.content ?? null,
      toolCalls: (choice?.message.tool_calls ?? []).flatMap((t) =>
        t.type === 'function' ? [{ id: t.id, name: t.function.name, arguments: t.function.arguments }] : [],
      ),
      finishReason: choice?.finish_reason ?? null,
      model: response.model || conn.endpoint.model,
      usage,
      costUsd: null,
      latencyMs: performance.now() - started,
    };
    result.costUsd = await this.metering.record(conn, req.who, result.model, usage, { streamed: false, outcome: 'ok' });
    return result;
  }

  /** Deltas as they arrive, then one `done` with the totals and the usage the API reported. */
  async *stream(req: CompleteRequest): AsyncGenerator<StreamEvent, CompleteResult> {
    const conn = await this.open(req);
    const started = performance.now();
    // Retried only until the stream opens: after a delta has been shown, a retry would repeat it.
    const chunks = await withRetry(
      () =>
        conn.client.chat.completions.create(
          { ...this.params(conn, req), stream: true, stream_options: { include_usage: true } },
          { signal: req.signal },
        ),
      conn.classify,
      this.retry,
      req.signal,
    );
    let content = '';
    let model = conn.endpoint.model;
    let finishReason: string | null = null;
    let usage: TokenUsage | null = null;
    const calls: ToolCall[] = [];
    let finished = false;
    try {
      for await (const chunk of chunks) {
        if (chunk.model) model = chunk.model;
        if (chunk.usage) usage = tokenUsage(chunk.usage);
        const choice = chunk.choices[0];
        if (!choice) continue;
        if (choice.finish_reason) finishReason = choice.finish_reason;
        const text = choice.delta.content;
        if (text) {
          content += text;
          yield { type: 'text', text };
        }
        for (const delta of choice.delta.tool_calls ?? []) {
          const call = (calls[delta.index] ??= { id: '', name: '', arguments: '' });
          if (delta.id) call.id = delta.id;
          if (delta.function?.name) call.name += delta.function.name;
          const argumentsDelta = delta.function?.arguments ?? '';
          call.arguments += argumentsDelta;
          yield { type: 'tool_call', index: delta.index, id: delta.id, name: delta.function?.name, argumentsDelta };
        }
      }
      // The SDK ends the iteration quietly when aborted; a cut-off answer is not a whole one.
      if (req.signal?.aborted) throw new AiError('cancelled', 'The AI request was cancelled.');
      finished = true;
    } catch (error) {
      const failure = conn.classify(error);
      // The provider bills what it generated before the stop; we record that a call happened.
      finished = true;
      chunks.controller.abort();
      await this.metering.record(conn, req.who, model, usage, {
        streamed: true,
        outcome: failure.kind === 'cancelled' ? 'cancelled' : 'error',
      });
      throw failure;
    } finally {
      // The consumer stopped reading early (break/return): stop the provider generating too.
      if (!finished) {
        chunks.controller.abort();
        await this.metering.record(conn, req.who, model, usage, { streamed: true, outcome: 'cancelled' });
      }
    }
    const result: CompleteResult = {
      content: content || (calls.length ? null : ''),
      toolCalls: calls.filter(Boolean),
      finishReason,
      model,
      usage,
      costUsd: null,
      latencyMs: performance.now() - started,
    };
    result.costUsd = await this.metering.record(conn, req.who, model, usage, { streamed: true, outcome: 'ok' });
    yield { type: 'done', result };
    return result;
  }

  async models(): Promise<{ endpoint: string; models: string[] }> {
    const conn = await this.connections.open({ timeoutMs: 30_000 });
    try {
      const ids: string[] = [];
      for await (const model of conn.client.models.list()) ids.push(model.id);
      return { endpoint: conn.endpoint.baseUrl, models: ids.sort((a, b) => a.localeCompare(b)) };
    } catch (error) {
      const failure = conn.classify(error);
      // Some compatible servers have no model list; the seller then types the model name.
      if (failure.kind === 'not_found') return { endpoint: conn.endpoint.baseUrl, models: [] };
      throw failure;
    }
  }

  async testConnection(): Promise<AiTestConnection> {
    const ai = (await this.options.settings.get()).ai;
    const fallback = { endpoint: ai.baseUrl, model: ai.model };
    try {
      const conn = await this.connections.open({ timeoutMs: 30_000 });
      Object.assign(fallback, { endpoint: conn.endpoint.baseUrl });
      const result = await this.complete({
        messages: [{ role: 'user', content: 'Reply with the single word OK.' }],
        who: { purpose: 'test-connection' },
        timeoutMs: 30_000,
      });
      return {
        ok: true,
        endpoint: conn.endpoint.baseUrl,
        model: conn.endpoint.model,
        answeredBy: result.model,
        latencyMs: Math.round(result.latencyMs),
        proxy: conn.errorContext.proxy ?? null,
      };
    } catch (error) {
      if (!(error instanceof AiError)) throw error;
      return { ok: false, ...fallback, error: error.info() };
    }
  }

  usageToday(): Promise<AiUsageToday> {
    return this.metering.usageToday();
  }

  setPrices(prices: ModelPrice[]): Promise<ModelPrice[]> {
    return this.metering.setPrices(prices);
  }

  async close(): Promise<void> {
    await this.ownTrust?.close();
  }

  /** Opens a connection after the budget gate. */
  private async open(req: CompleteRequest): Promise<Connection> {
    if (req.signal?.aborted) throw new AiError('cancelled', 'The AI request was cancelled.');
    const conn = await this.connections.open({ model: req.model, timeoutMs: req.timeoutMs ?? this.timeoutMs });
    await this.metering.gate(conn.endpoint.model);
    return conn;
  }

  private params(conn: Connection, req: CompleteRequest) {
    return {
      model: conn.endpoint.model,
      messages: req.messages,
      ...(req.tools?.length ? { tools: req.tools } : {}),
      ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
    };
  }
}

function tokenUsage(usage: OpenAI.CompletionUsage): TokenUsage {
  return {
    promptTokens: usage.prompt_tokens ?? 0,
    completionTokens: usage.completion_tokens ?? 0,
    cachedTokens: usage.prompt_tokens_details?.cached_tokens ?? 0,
  };
}
