/**
 * The OpenAI-compatible LM client (retries with backoff, concurrency limit, on-disk response
 * cache keyed by endpoint and request) and the helpers other folders share: secret redaction,
 * the retry backoff and a cancellable sleep, the JSON file cache. The chat message type is the
 * wire's (`lib/protocol`), re-exported here for convenience.
 *
 * @module
 */

// Types of other folders that this folder's signatures use.
export type { ChatMessage, ChatRole } from "../protocol/mod.ts";

export { createLmClient, type LmClient } from "./client.ts";
export {
  type FetchFunction,
  type LmClientConfig,
  type LmClientOptions,
  resolveLmClientConfig,
  type SleepFunction,
} from "./config.ts";
export {
  addUsage,
  type ChatOptions,
  type ChatResult,
  emptyUsage,
  type LmUsage,
  type ResponseFormat,
  type TokenUsage,
} from "./types.ts";
export {
  LmClientClosedError,
  type LmFailureKind,
  LmRequestError,
  type LmRequestErrorFields,
  REDACTED,
  redactSecrets,
} from "./errors.ts";
export {
  abortableSleep,
  backoffDelayMs,
  type BackoffSettings,
  type HeaderSource,
  parseRetryAfter,
} from "./backoff.ts";
export {
  createJsonFileCache,
  type JsonFileCache,
  type JsonValue,
  sha256Hex,
  stableStringify,
} from "./json_file_cache.ts";
