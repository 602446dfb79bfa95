/**
 * One HTTP attempt of a chat request through the `openai` SDK, classified for retrying.
 *
 * @module
 */

import { OpenAI } from "../deps.ts";
import type { ChatRequestBody } from "./chat_params.ts";
import { parseRetryAfter } from "./backoff.ts";
import { type LmFailureKind, redactSecrets } from "./errors.ts";
import { type CompletionBody, readCompletion } from "./read_completion.ts";

/** A failed attempt, classified. */
export interface AttemptFailure {
  /** Discriminant. */
  ok: false;
  /** What went wrong. */
  kind: LmFailureKind;
  /** HTTP status, when a status came back. */
  status: number | null;
  /** Whether another attempt may succeed. */
  retryable: boolean;
  /** The wait the server asked for (ms), or `null`. */
  retryAfterMs: number | null;
  /** The failure in words, secrets redacted. */
  detail: string;
  /** A copy of the underlying error with secrets redacted (never the original object). */
  cause: Error | null;
}

/** The outcome of {@link sendAttempt}. */
export type AttemptOutcome = { ok: true; value: CompletionBody } | AttemptFailure;

/** Settings of one attempt. */
export interface AttemptSettings {
  /** Time limit of the attempt, ms. */
  timeoutMs: number;
  /** Cancels the attempt; its reason is thrown as is. */
  signal: AbortSignal;
  /** Strings to redact from every detail (the API key). */
  secrets: readonly string[];
}

const RETRYABLE_STATUS = new Set([408, 409, 425, 429]);

function redactedCopy(error: unknown, secrets: readonly string[]): Error {
  const original = error instanceof Error ? error : new Error(String(error));
  const copy = new Error(redactSecrets(original.message, secrets));
  copy.name = original.name;
  return copy;
}

function failure(
  kind: LmFailureKind,
  detail: string,
  fields: Partial<AttemptFailure> & { secrets: readonly string[] },
): AttemptFailure {
  return {
    ok: false,
    kind,
    status: fields.status ?? null,
    retryable: fields.retryable ?? true,
    retryAfterMs: fields.retryAfterMs ?? null,
    detail: redactSecrets(detail, fields.secrets),
    cause: fields.cause ?? null,
  };
}

/**
 * Sends `body` once. Resolves with the answer or a classified failure: 408/409/425/429/5xx,
 * timeouts, connection errors (also a connection dropped mid-body) and invalid 200 replies are
 * retryable; other statuses are not.
 * Rejects only when `settings.signal` aborts (with its reason).
 */
export async function sendAttempt(
  sdk: OpenAI,
  body: ChatRequestBody,
  settings: AttemptSettings,
): Promise<AttemptOutcome> {
  const { signal, secrets } = settings;
  if (signal.aborted) throw signal.reason;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException("attempt timed out", "TimeoutError"));
  }, settings.timeoutMs);
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    const reply: unknown = await sdk.chat.completions.create(
      // The SDK's parameter type is private to it; the body was checked by buildChatRequest.
      body as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming,
      { signal: controller.signal, maxRetries: 0, timeout: settings.timeoutMs },
    );
    const read = readCompletion(reply);
    if (read.ok) return read;
    return failure("invalid_response", read.problem, { secrets });
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    const cause = redactedCopy(error, secrets);
    if (timedOut || error instanceof OpenAI.APIConnectionTimeoutError) {
      return failure("timeout", `no complete reply within ${settings.timeoutMs} ms`, {
        secrets,
        cause,
      });
    }
    if (error instanceof OpenAI.APIError && typeof error.status === "number") {
      const status = error.status;
      return failure("http", cause.message, {
        secrets,
        cause,
        status,
        retryable: RETRYABLE_STATUS.has(status) || status >= 500,
        retryAfterMs: error.headers ? parseRetryAfter(error.headers, Date.now()) : null,
      });
    }
    // fetch reports a network failure, including a connection dropped while the body was
    // being read (outside the SDK's own wrapping), as a TypeError: retryable.
    if (error instanceof OpenAI.APIConnectionError || error instanceof TypeError) {
      return failure("connection", cause.message, { secrets, cause });
    }
    if (error instanceof SyntaxError) {
      return failure("invalid_response", `reply body is not valid JSON: ${cause.message}`, {
        secrets,
        cause,
      });
    }
    return failure("connection", `${cause.name}: ${cause.message}`, {
      secrets,
      cause,
      retryable: false,
    });
  } finally {
    clearTimeout(timer);
    signal.removeEventListener("abort", onAbort);
  }
}
