/**
 * The resilient OpenAI-compatible chat client: retries with backoff that honour `Retry-After`,
 * a per-attempt timeout, bounded concurrency, usage totals, an opt-in response cache and
 * cancellation.
 *
 * @module
 */

import { OpenAI } from "../deps.ts";
import { pLimit } from "../deps.ts";
import { sendAttempt } from "./attempt.ts";
import { backoffDelayMs } from "./backoff.ts";
import { buildChatRequest, type ChatRequestBody, resolveChatSettings } from "./chat_params.ts";
import { type LmClientConfig, type LmClientOptions, resolveLmClientConfig } from "./config.ts";
import { LmClientClosedError, LmRequestError } from "./errors.ts";
import { createJsonFileCache, type JsonFileCache, type JsonValue } from "./json_file_cache.ts";
import type { CompletionBody } from "./read_completion.ts";
import type { ChatMessage } from "../protocol/mod.ts";
import { type ChatOptions, type ChatResult, emptyUsage, type LmUsage } from "./types.ts";

/** A chat client for one model on one OpenAI-compatible server, from {@link createLmClient}. */
export interface LmClient {
  /** The model name, exactly as sent. */
  readonly model: string;
  /** The base URL requests go to. */
  readonly baseUrl: string;
  /** The most requests this client keeps in flight at once. */
  readonly concurrency: number;
  /** Whether the on-disk response cache is on. */
  readonly cacheEnabled: boolean;
  /**
   * Sends `messages` and returns the answer. Retries 408/409/425/429/5xx, timeouts, connection
   * errors and 200 replies without a usable answer (non-JSON or `null` body, `null`/empty
   * content), waiting what `Retry-After`/`retry-after-ms` asks, else exponential backoff with
   * jitter.
   *
   * @throws {LmRequestError} when the call fails for good (message names model, attempts, status).
   * @throws {LmClientClosedError} after {@link LmClient.close}.
   * @throws the signal's reason (an `AbortError` `DOMException` by default) when cancelled.
   * @throws {TypeError} / {RangeError} for bad messages or options.
   */
  chat(messages: readonly ChatMessage[], options?: ChatOptions): Promise<ChatResult>;
  /** A snapshot of the running totals. */
  usage(): LmUsage;
  /** Cancels calls in flight or queued (they reject with {@link LmClientClosedError}). */
  close(): void;
}

/** Version tag of response cache keys; bump it when the key or entry shape changes. */
const CACHE_VERSION = 2;

function createSdk(config: LmClientConfig): OpenAI {
  // Every setting is passed explicitly so the SDK does not fall back to OPENAI_* variables.
  return new OpenAI({
    baseURL: config.baseUrl,
    apiKey: config.apiKey === "" ? "no-key" : config.apiKey,
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    // A keyless client sends no Authorization header at all.
    defaultHeaders: config.apiKey === "" ? { Authorization: null } : {},
    logLevel: "off",
    maxRetries: 0,
    timeout: config.timeoutMs,
    fetch: config.fetch,
  });
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      promise.catch(() => {});
      reject(signal.reason);
      return;
    }
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function toCacheValue(body: CompletionBody): JsonValue {
  return {
    texts: body.texts,
    finishReason: body.finishReason,
    promptTokens: body.usage.promptTokens,
    completionTokens: body.usage.completionTokens,
  };
}

function fromCacheValue(value: JsonValue | null): CompletionBody | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const { texts, finishReason, promptTokens, completionTokens } = value;
  if (!Array.isArray(texts) || texts.length === 0) return null;
  if (!texts.every((t) => typeof t === "string" && t.trim() !== "")) return null;
  return {
    texts: texts as string[],
    finishReason: typeof finishReason === "string" ? finishReason : null,
    usage: {
      promptTokens: typeof promptTokens === "number" ? promptTokens : 0,
      completionTokens: typeof completionTokens === "number" ? completionTokens : 0,
    },
  };
}

/**
 * Creates a client. The SDK's own retries are off; this client does every retry itself.
 *
 * @example Against a local vLLM or Ollama server
 * ```ts ignore
 * const lm = createLmClient({ baseUrl: "http://127.0.0.1:8000/v1", model: "Qwen/Qwen3-0.6B" });
 * const { text } = await lm.chat([{ role: "user", content: "Say hi" }], { maxTokens: 8 });
 * ```
 * @throws {TypeError} / {RangeError} for bad options (see {@link resolveLmClientConfig}).
 */
export function createLmClient(options: LmClientOptions): LmClient {
  const config = resolveLmClientConfig(options);
  const sdk = createSdk(config);
  const limit = pLimit(config.concurrency);
  const cache: JsonFileCache | null = config.cacheDir === null
    ? null
    : createJsonFileCache(config.cacheDir);
  const secrets = [config.apiKey];
  const totals = emptyUsage();
  const closer = new AbortController();

  async function callServer(body: ChatRequestBody, signal: AbortSignal, start: number) {
    const maxAttempts = config.maxRetries + 1;
    for (let attempt = 1;; attempt++) {
      const outcome = await raceAbort(
        limit(() => {
          if (signal.aborted) throw signal.reason;
          totals.requests++;
          if (attempt > 1) totals.retries++;
          return sendAttempt(sdk, body, { timeoutMs: config.timeoutMs, signal, secrets });
        }),
        signal,
      );
      if (outcome.ok) {
        totals.promptTokens += outcome.value.usage.promptTokens;
        totals.completionTokens += outcome.value.usage.completionTokens;
        totals.latencyMs += config.now() - start;
        return { body: outcome.value, attempts: attempt };
      }
      if (!outcome.retryable || attempt >= maxAttempts) {
        throw new LmRequestError({
          model: config.model,
          kind: outcome.kind,
          status: outcome.status,
          attempts: attempt,
          detail: outcome.detail,
        }, { cause: outcome.cause ?? undefined });
      }
      const wait = outcome.retryAfterMs !== null
        ? Math.min(outcome.retryAfterMs, config.maxRetryAfterMs)
        : backoffDelayMs(attempt, config);
      await config.sleep(wait, signal);
    }
  }

  async function chat(messages: readonly ChatMessage[], options: ChatOptions = {}) {
    const settings = resolveChatSettings(options);
    const body = buildChatRequest(config.model, messages, settings);
    totals.calls++;
    const start = config.now();
    const signal = options.signal
      ? AbortSignal.any([options.signal, closer.signal])
      : closer.signal;
    try {
      if (signal.aborted) throw signal.reason;
      // The endpoint is part of the key: another server serving the same model name (or a new
      // checkpoint under that name) must never get this server's answers. `body` is every field
      // the request sends (model, messages, sampling settings).
      const key: JsonValue = { v: CACHE_VERSION, endpoint: config.baseUrl, request: body };
      const hit = cache ? fromCacheValue(await cache.get(key)) : null;
      if (hit) {
        totals.cacheHits++;
        return result(hit, { start, cached: true, attempts: 0 });
      }
      const { body: answer, attempts } = await callServer(body, signal, start);
      if (cache) await cache.set(key, toCacheValue(answer));
      return result(answer, { start, cached: false, attempts });
    } catch (error) {
      totals.failures++;
      throw error;
    }
  }

  function result(
    body: CompletionBody,
    meta: { start: number; cached: boolean; attempts: number },
  ): ChatResult {
    return {
      text: body.texts[0]!,
      texts: body.texts,
      finishReason: body.finishReason,
      usage: { ...body.usage },
      latencyMs: config.now() - meta.start,
      cached: meta.cached,
      attempts: meta.attempts,
    };
  }

  return {
    model: config.model,
    baseUrl: config.baseUrl,
    concurrency: config.concurrency,
    cacheEnabled: cache !== null,
    chat,
    usage: () => ({ ...totals }),
    close() {
      if (closer.signal.aborted) return;
      limit.clearQueue();
      closer.abort(new LmClientClosedError(config.model));
    },
  };
}
