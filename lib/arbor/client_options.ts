/**
 * Options of the Arbor client and their defaults, resolved once.
 *
 * @module
 */

import { ARBOR_DIALECTS, type ArborDialect } from "../protocol/mod.ts";
import type { ArborHttpSettings, FetchLike } from "./http.ts";

/** Default base URL of a local Arbor server. */
export const DEFAULT_ARBOR_URL = "http://127.0.0.1:7453/v1/";

/** Options of `createArborClient`. Every field is optional. */
export interface ArborClientOptions {
  /** The fetch to use. Default: `globalThis.fetch`. */
  fetch?: FetchLike;
  /** The dialect, or `"auto"` to detect it from `/openapi.json`. Default: `"auto"`. */
  dialect?: ArborDialect | "auto";
  /** Pause between `/status` polls while no batch is pending, ms. Default: 1000. */
  pollIntervalMs?: number;
  /**
   * How long `pendingBatchIds` waits for the trainer to ask for a new batch before failing with
   * `ArborTimeoutError`, ms. Default: 900 000 (15 min; an optimizer step plus weight sync of a
   * multi-billion-parameter model can take minutes).
   */
  idleTimeoutMs?: number;
  /** Per-attempt timeout of `GET /openapi.json` and `POST status`, ms. Default: 30 000. */
  statusTimeoutMs?: number;
  /** Per-attempt timeout of `POST step`, ms. Default: 120 000 (mid-2025 blocks while saving). */
  stepTimeoutMs?: number;
  /**
   * Timeout of the blocking calls `initialize`, `checkpoint`, `terminate` and `cancel`, ms
   * (Arbor starts vLLM and the trainer, or saves a model, inside them). Default: 1 800 000.
   */
  longTimeoutMs?: number;
  /** Retries after the first attempt (see `http.ts` for which failures). Default: 3. */
  maxRetries?: number;
  /** Backoff before the first retry, ms (doubles each retry). Default: 500. */
  initialRetryDelayMs?: number;
  /** Cap of the backoff, ms. Default: 8000. */
  maxRetryDelayMs?: number;
  /** Random numbers in [0, 1) for backoff jitter. Default: `Math.random`. */
  random?: () => number;
  /** Monotonic clock in ms (for the idle timeout). Default: `performance.now`. */
  now?: () => number;
}

/** {@link ArborClientOptions} with every default filled in, plus the normalised URLs. */
export interface ArborClientConfig extends ArborHttpSettings {
  /** See {@link ArborClientOptions.dialect}. */
  dialect: ArborDialect | "auto";
  /** See {@link ArborClientOptions.pollIntervalMs}. */
  pollIntervalMs: number;
  /** See {@link ArborClientOptions.idleTimeoutMs}. */
  idleTimeoutMs: number;
  /** See {@link ArborClientOptions.statusTimeoutMs}. */
  statusTimeoutMs: number;
  /** See {@link ArborClientOptions.stepTimeoutMs}. */
  stepTimeoutMs: number;
  /** See {@link ArborClientOptions.longTimeoutMs}. */
  longTimeoutMs: number;
  /** See {@link ArborClientOptions.now}. */
  now: () => number;
}

/**
 * Normalises an Arbor URL to its `/v1/` base with trailing slash: `http://h:7453`,
 * `http://h:7453/` and `http://h:7453/v1` all give `http://h:7453/v1/`.
 *
 * @throws {TypeError} when the URL is not http(s) or has a query or fragment.
 */
export function normalizeArborUrl(url: string): { baseUrl: string; rootUrl: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new TypeError(`Arbor URL must be an http(s) URL; got ${JSON.stringify(url)}`, {
      cause: error,
    });
  }
  if (!["http:", "https:"].includes(parsed.protocol) || parsed.search || parsed.hash) {
    throw new TypeError(
      `Arbor URL must be http(s) without query or fragment; got ${JSON.stringify(url)}`,
    );
  }
  let path = parsed.pathname.replace(/\/+$/, "");
  if (path.endsWith("/v1")) path = path.slice(0, -3);
  const rootUrl = `${parsed.origin}${path}/`;
  return { baseUrl: `${rootUrl}v1/`, rootUrl };
}

function positive(name: string, value: number, min = 1): number {
  if (!Number.isFinite(value) || value < min) {
    throw new RangeError(`${name} must be a number ≥ ${min}; got ${value}`);
  }
  return value;
}

/**
 * Checks the options and fills in defaults.
 *
 * @throws {TypeError} for a bad URL or dialect.
 * @throws {RangeError} for a non-positive timeout or interval, or negative retries.
 */
export function resolveArborClientOptions(
  url: string,
  options: ArborClientOptions = {},
): ArborClientConfig {
  const dialect = options.dialect ?? "auto";
  if (dialect !== "auto" && !ARBOR_DIALECTS.includes(dialect)) {
    throw new TypeError(
      `dialect must be "auto", ${ARBOR_DIALECTS.join(" or ")}; got ${JSON.stringify(dialect)}`,
    );
  }
  const maxRetries = options.maxRetries ?? 3;
  if (!Number.isSafeInteger(maxRetries) || maxRetries < 0) {
    throw new RangeError(`maxRetries must be an integer ≥ 0; got ${maxRetries}`);
  }
  return {
    ...normalizeArborUrl(url),
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    dialect,
    pollIntervalMs: positive("pollIntervalMs", options.pollIntervalMs ?? 1000, 0),
    idleTimeoutMs: positive("idleTimeoutMs", options.idleTimeoutMs ?? 900_000),
    statusTimeoutMs: positive("statusTimeoutMs", options.statusTimeoutMs ?? 30_000),
    stepTimeoutMs: positive("stepTimeoutMs", options.stepTimeoutMs ?? 120_000),
    longTimeoutMs: positive("longTimeoutMs", options.longTimeoutMs ?? 1_800_000),
    maxRetries,
    initialRetryDelayMs: positive("initialRetryDelayMs", options.initialRetryDelayMs ?? 500, 0),
    maxRetryDelayMs: positive("maxRetryDelayMs", options.maxRetryDelayMs ?? 8000, 0),
    random: options.random ?? Math.random,
    now: options.now ?? (() => performance.now()),
  };
}
