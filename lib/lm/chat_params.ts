/**
 * Checking chat arguments and building the wire request of `/chat/completions`.
 *
 * @module
 */

import type { JsonValue } from "./json_file_cache.ts";
import type { ChatMessage } from "../protocol/mod.ts";
import type { ChatOptions, ResponseFormat } from "./types.ts";

/** {@link ChatOptions} with defaults filled (the signal excluded). */
export interface ChatSettings {
  /** Temperature (default 0). */
  temperature: number;
  /** `max_tokens`, or `null` to leave it to the server (default). */
  maxTokens: number | null;
  /** `seed`, or `null` for none (default). */
  seed: number | null;
  /** Choices (default 1). */
  n: number;
  /** `top_p`, or `null` for none (default). */
  topP: number | null;
  /** Reply format (default `"text"`). */
  responseFormat: ResponseFormat;
}

/** The JSON body sent to `/chat/completions` (also the response cache key). */
export type ChatRequestBody = { [key: string]: JsonValue };

const ROLES = new Set(["system", "user", "assistant"]);

/**
 * Fills the defaults of `options`.
 *
 * @throws {RangeError} for a negative temperature, non-positive `maxTokens`/`n`, or a `topP`
 * outside (0, 1].
 */
export function resolveChatSettings(options: ChatOptions): ChatSettings {
  const s: ChatSettings = {
    temperature: options.temperature ?? 0,
    maxTokens: options.maxTokens ?? null,
    seed: options.seed ?? null,
    n: options.n ?? 1,
    topP: options.topP ?? null,
    responseFormat: options.responseFormat ?? "text",
  };
  if (!(s.temperature >= 0)) throw new RangeError(`temperature must be ≥ 0, got ${s.temperature}`);
  if (s.maxTokens !== null && !(Number.isInteger(s.maxTokens) && s.maxTokens > 0)) {
    throw new RangeError(`maxTokens must be a positive integer or null, got ${s.maxTokens}`);
  }
  if (!(Number.isInteger(s.n) && s.n > 0)) {
    throw new RangeError(`n must be a positive integer, got ${s.n}`);
  }
  if (s.seed !== null && !Number.isInteger(s.seed)) {
    throw new RangeError(`seed must be an integer or null, got ${s.seed}`);
  }
  if (s.topP !== null && !(s.topP > 0 && s.topP <= 1)) {
    throw new RangeError(`topP must be in (0, 1] or null, got ${s.topP}`);
  }
  if (s.responseFormat !== "text" && s.responseFormat !== "json_object") {
    throw new RangeError(`responseFormat must be "text" or "json_object", got ${s.responseFormat}`);
  }
  return s;
}

/**
 * The request body for `model`, `messages` and `settings`. Optional fields are sent only when
 * set (`n` only when not 1), so servers that reject unknown fields still work.
 *
 * @throws {TypeError} when `messages` is empty or a message has a bad role or non-string content.
 */
export function buildChatRequest(
  model: string,
  messages: readonly ChatMessage[],
  settings: ChatSettings,
): ChatRequestBody {
  if (!Array.isArray(messages) || messages.length === 0) {
    throw new TypeError("chat() needs at least one message");
  }
  const wire: JsonValue[] = messages.map((m, i) => {
    if (!m || !ROLES.has(m.role) || typeof m.content !== "string") {
      throw new TypeError(
        `chat() message ${i} must be {role: system|user|assistant, content: string}, got ` +
          JSON.stringify(m)?.slice(0, 120),
      );
    }
    return { role: m.role, content: m.content };
  });
  const body: ChatRequestBody = { model, messages: wire, temperature: settings.temperature };
  if (settings.maxTokens !== null) body.max_tokens = settings.maxTokens;
  if (settings.seed !== null) body.seed = settings.seed;
  if (settings.n !== 1) body.n = settings.n;
  if (settings.topP !== null) body.top_p = settings.topP;
  if (settings.responseFormat !== "text") body.response_format = { type: settings.responseFormat };
  return body;
}
