/**
 * Chat types of the LM client and its running usage totals. They are this project's own, so
 * public signatures never mention the `openai` SDK's types. The chat message itself is the
 * wire's (`lib/protocol/chat.ts`).
 *
 * @module
 */

/** The reply format requested from the server. */
export type ResponseFormat = NonNullable<ChatOptions["responseFormat"]>;

/** Per-call settings of {@link LmClient.chat}. */
export interface ChatOptions {
  /** Sampling temperature. Default: `0`. */
  temperature?: number;
  /** Maximum completion tokens (`max_tokens`). Default: `null` (the server's limit). */
  maxTokens?: number | null;
  /** Sampling seed (`seed`); sent only when given. Default: `null` (not sent). */
  seed?: number | null;
  /** Number of choices (`n`). Default: `1`. */
  n?: number;
  /** Nucleus sampling (`top_p`); sent only when given. Default: `null` (not sent). */
  topP?: number | null;
  /** `"json_object"` asks the server for JSON (`response_format`). Default: `"text"` (not sent). */
  responseFormat?: "text" | "json_object";
  /** Cancels the call, including waits between retries. Default: none. */
  signal?: AbortSignal;
}

/** Token counts one call reported (see {@link ChatResult.usage}). */
export type TokenUsage = ChatResult["usage"];

/** The answer of one {@link LmClient.chat} call. */
export interface ChatResult {
  /** The first choice's text (never empty). */
  text: string;
  /** Every choice's text, in order (`texts[0] === text`). */
  texts: string[];
  /** The first choice's `finish_reason`, or `null` when the server gave none. */
  finishReason: string | null;
  /**
   * Token counts of the call that produced this answer (those of the original call when cached):
   * `usage.prompt_tokens` and `usage.completion_tokens`, `0` when the server does not say.
   */
  usage: { promptTokens: number; completionTokens: number };
  /** Milliseconds from the call to the answer, retries and waits included (≈0 when cached). */
  latencyMs: number;
  /** Whether the answer came from the on-disk response cache. */
  cached: boolean;
  /** HTTP attempts this call made (`0` when cached). */
  attempts: number;
}

/** Running totals of a client, from {@link LmClient.usage}. */
export interface LmUsage {
  /** `chat()` calls started. */
  calls: number;
  /** Calls answered from the response cache. */
  cacheHits: number;
  /** HTTP requests sent (first attempts and retries). */
  requests: number;
  /** Requests that were retries of a failed attempt. */
  retries: number;
  /** Calls that ended in an error (cancellations included). */
  failures: number;
  /** Prompt tokens over every successful request. */
  promptTokens: number;
  /** Completion tokens over every successful request. */
  completionTokens: number;
  /** Sum of the latencies of calls answered by the server (cache hits excluded). */
  latencyMs: number;
}

/** A zeroed {@link LmUsage}. */
export function emptyUsage(): LmUsage {
  return {
    calls: 0,
    cacheHits: 0,
    requests: 0,
    retries: 0,
    failures: 0,
    promptTokens: 0,
    completionTokens: 0,
    latencyMs: 0,
  };
}

/** The field-by-field sum of two usages (e.g. a policy client's and a judge client's). */
export function addUsage(a: LmUsage, b: LmUsage): LmUsage {
  const out = emptyUsage();
  for (const key of Object.keys(out) as (keyof LmUsage)[]) out[key] = a[key] + b[key];
  return out;
}
