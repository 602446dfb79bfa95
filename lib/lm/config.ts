/**
 * Options of the LM client and their defaults, resolved once into {@link LmClientConfig}.
 *
 * @module
 */

import { abortableSleep } from "./backoff.ts";

/** A `fetch`-compatible function (injected in tests). */
export type FetchFunction = (
  input: Request | URL | string,
  init?: RequestInit,
) => Promise<Response>;

/** Waits `ms` milliseconds; rejects with the signal's reason when it aborts first. */
export type SleepFunction = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Options of {@link createLmClient}; every field but `baseUrl` and `model` has a default. */
export interface LmClientOptions {
  /** Base URL of the OpenAI-compatible API, including `/v1`, e.g. `http://127.0.0.1:8000/v1`. */
  baseUrl: string;
  /** The model name, sent exactly as given. */
  model: string;
  /**
   * API key, sent as `Authorization: Bearer <key>`. The caller reads it (e.g. the CLI from the
   * environment); it is never written to disk and is redacted from errors. Default: `""` (no
   * `Authorization` header, as keyless vLLM or Ollama servers expect).
   */
  apiKey?: string;
  /** Time limit of one HTTP attempt in milliseconds (headers and body). Default: `60000`. */
  timeoutMs?: number;
  /** Retries after a failed attempt (so at most `maxRetries + 1` attempts). Default: `4`. */
  maxRetries?: number;
  /** Backoff before the first retry when the server gives no `Retry-After`. Default: `500`. */
  initialRetryDelayMs?: number;
  /** Cap of the exponential backoff (doubling per retry). Default: `20000`. */
  maxRetryDelayMs?: number;
  /**
   * Cap of a server's `Retry-After` / `retry-after-ms` wait; a longer request is waited for this
   * long. Default: `120000`.
   */
  maxRetryAfterMs?: number;
  /** Fraction of each backoff delay that is randomised away (0 = none, 1 = full jitter). Default: `0.5`. */
  jitter?: number;
  /** Requests in flight at once, at most. Default: `4`. */
  concurrency?: number;
  /**
   * Directory of the opt-in on-disk response cache, or `null` for none. Default: `null`.
   * An entry is keyed by the endpoint (`baseUrl`) and every field of the request body, so one
   * folder can be shared by clients of different servers without mixing their answers.
   * Keep it off for GRPO rollouts: identical cached answers would give every rollout of a group
   * the same completion, so every advantage would be zero.
   */
  cacheDir?: string | null;
  /**
   * The `fetch` used for HTTP (tests inject one). Default: `globalThis.fetch`.
   *
   * @ignore
   */
  fetch?: FetchFunction;
  /**
   * How to wait between retries (tests inject one). Default: a `setTimeout` that the call's
   * signal cancels.
   *
   * @ignore
   */
  sleep?: SleepFunction;
  /** Clock for latencies, in milliseconds. Default: `performance.now`. */
  now?: () => number;
  /** Random numbers in [0, 1) for jitter. Default: `Math.random`. */
  random?: () => number;
}

/** {@link LmClientOptions} with every default filled in. */
export interface LmClientConfig {
  /** Base URL without a trailing slash. */
  baseUrl: string;
  /** The model name, exactly as given. */
  model: string;
  /** The API key (`""` for none). Never log this object. */
  apiKey: string;
  /** Time limit of one attempt, ms. */
  timeoutMs: number;
  /** Retries after a failed attempt. */
  maxRetries: number;
  /** First backoff delay, ms. */
  initialRetryDelayMs: number;
  /** Backoff cap, ms. */
  maxRetryDelayMs: number;
  /** Cap of a server-requested wait, ms. */
  maxRetryAfterMs: number;
  /** Jitter fraction in [0, 1]. */
  jitter: number;
  /** Concurrency limit. */
  concurrency: number;
  /** Response cache directory, or `null`. */
  cacheDir: string | null;
  /** HTTP function. */
  fetch: FetchFunction;
  /** Wait function. */
  sleep: SleepFunction;
  /** Clock, ms. */
  now: () => number;
  /** Random source. */
  random: () => number;
}

function requireNumber(name: string, value: number, min: number, max = Infinity): number {
  if (typeof value !== "number" || Number.isNaN(value)) {
    throw new TypeError(`LM client option ${name} must be a number, got ${String(value)}`);
  }
  if (value < min || value > max) {
    throw new RangeError(`LM client option ${name} must be in [${min}, ${max}], got ${value}`);
  }
  return value;
}

function requireInteger(name: string, value: number, min: number): number {
  requireNumber(name, value, min);
  if (!Number.isInteger(value)) {
    throw new RangeError(`LM client option ${name} must be an integer, got ${value}`);
  }
  return value;
}

function resolveBaseUrl(baseUrl: string): string {
  if (typeof baseUrl !== "string" || baseUrl === "") {
    throw new TypeError(`LM client option baseUrl must be a non-empty URL, got ${String(baseUrl)}`);
  }
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch (error) {
    throw new TypeError(`LM client option baseUrl is not a URL: ${baseUrl}`, { cause: error });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(`LM client option baseUrl must be http(s), got ${baseUrl}`);
  }
  return baseUrl.replace(/\/+$/, "");
}

/**
 * Checks the options and fills in every default.
 *
 * @throws {TypeError} for a missing model, a bad base URL or a non-number.
 * @throws {RangeError} for a number out of range.
 */
export function resolveLmClientConfig(options: LmClientOptions): LmClientConfig {
  if (typeof options.model !== "string" || options.model === "") {
    throw new TypeError(`LM client option model must be a non-empty string, got ${options.model}`);
  }
  const apiKey = options.apiKey ?? "";
  if (typeof apiKey !== "string") throw new TypeError("LM client option apiKey must be a string");
  return {
    baseUrl: resolveBaseUrl(options.baseUrl),
    model: options.model,
    apiKey,
    timeoutMs: requireNumber("timeoutMs", options.timeoutMs ?? 60_000, 1),
    maxRetries: requireInteger("maxRetries", options.maxRetries ?? 4, 0),
    initialRetryDelayMs: requireNumber(
      "initialRetryDelayMs",
      options.initialRetryDelayMs ?? 500,
      0,
    ),
    maxRetryDelayMs: requireNumber("maxRetryDelayMs", options.maxRetryDelayMs ?? 20_000, 0),
    maxRetryAfterMs: requireNumber("maxRetryAfterMs", options.maxRetryAfterMs ?? 120_000, 0),
    jitter: requireNumber("jitter", options.jitter ?? 0.5, 0, 1),
    concurrency: requireInteger("concurrency", options.concurrency ?? 4, 1),
    cacheDir: options.cacheDir ?? null,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    sleep: options.sleep ?? abortableSleep,
    now: options.now ?? (() => performance.now()),
    random: options.random ?? Math.random,
  };
}
