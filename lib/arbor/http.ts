/**
 * One Arbor HTTP call: per-attempt timeout, cancellation, bounded retries with backoff, and the
 * mapping of every failure to an {@link ArborError}.
 *
 * Retry policy. Calls are `"idempotent"` (GET `openapi.json`, POST `status`): retried on 5xx,
 * 408/429, timeouts and broken connections. All other calls are `"unsent-only"`: retried only
 * when the connection could not be opened, i.e. the server cannot have received the request.
 * This matters most for `/step`: Arbor numbers the groups it receives itself and ignores the
 * client's `batch_id`, so re-sending a group after a timeout or a 5xx could hand the trainer the
 * same group twice and shift every later batch. Such a step fails instead, with a clear error.
 *
 * @module
 */

import { abortableSleep, backoffDelayMs } from "../lm/mod.ts";
import {
  ArborConnectionError,
  ArborHttpError,
  ArborProtocolError,
  ArborRequestTimeoutError,
  ArborUnavailableError,
} from "./errors.ts";

/** The `fetch` signature the client needs (inject a fake in tests). */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Which failures a call may be retried after (see the module doc). */
export type RetryMode = "idempotent" | "unsent-only";

/** Connection and retry settings shared by every call of one client. */
export interface ArborHttpSettings {
  /** The fetch to use. */
  fetch: FetchLike;
  /** The `/v1/` base URL, with trailing slash (for messages). */
  baseUrl: string;
  /** The server root (base URL without `v1/`), with trailing slash. */
  rootUrl: string;
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Backoff before the first retry, ms. */
  initialRetryDelayMs: number;
  /** Cap of the backoff, ms. */
  maxRetryDelayMs: number;
  /** Random numbers in [0, 1) for jitter. */
  random: () => number;
}

/** One call. */
export interface ArborCall {
  /** HTTP method. */
  method: "GET" | "POST";
  /** Path below the server root, without leading slash, e.g. `v1/fine_tuning/grpo/status`. */
  path: string;
  /** JSON body, or `undefined` for none. */
  body?: unknown;
  /** Per-attempt timeout, ms. */
  timeoutMs: number;
  /** Retry policy. */
  retry: RetryMode;
  /** Cancels the call; it then rejects with the signal's reason. */
  signal?: AbortSignal;
}

type Attempt =
  | { kind: "ok"; status: number; text: string }
  | { kind: "http"; status: number; text: string }
  | { kind: "timeout" }
  | { kind: "unsent"; cause: unknown }
  | { kind: "connection"; cause: unknown };

const CONNECT_FAILURE =
  /\(Connect\)|connection refused|ECONNREFUSED|tcp connect error|dns error|failed to lookup/i;

function isConnectFailure(error: unknown): boolean {
  if (!(error instanceof TypeError)) return false;
  const cause = (error as { cause?: unknown }).cause;
  return CONNECT_FAILURE.test(`${error.message} ${cause instanceof Error ? cause.message : ""}`) ||
    (cause as { code?: string } | undefined)?.code === "ECONNREFUSED";
}

function retryable(attempt: Attempt, mode: RetryMode): boolean {
  if (attempt.kind === "unsent") return true;
  if (mode === "unsent-only" || attempt.kind === "ok") return false;
  if (attempt.kind === "http") {
    return attempt.status >= 500 || attempt.status === 408 || attempt.status === 429;
  }
  return true;
}

async function attemptOnce(
  http: ArborHttpSettings,
  call: ArborCall,
  init: RequestInit,
): Promise<Attempt> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException("Arbor request timed out", "TimeoutError"));
  }, call.timeoutMs);
  const onAbort = () => controller.abort(call.signal?.reason);
  call.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const response = await http.fetch(http.rootUrl + call.path, {
      ...init,
      signal: controller.signal,
    });
    const text = await response.text();
    return response.ok
      ? { kind: "ok", status: response.status, text }
      : { kind: "http", status: response.status, text };
  } catch (error) {
    if (call.signal?.aborted) throw call.signal.reason;
    if (timedOut) return { kind: "timeout" };
    if (isConnectFailure(error)) return { kind: "unsent", cause: error };
    if (error instanceof TypeError) return { kind: "connection", cause: error };
    throw error;
  } finally {
    clearTimeout(timer);
    call.signal?.removeEventListener("abort", onAbort);
  }
}

function describeLoc(loc: unknown): string {
  return Array.isArray(loc) ? loc.join(".") : String(loc);
}

/**
 * The server's explanation of an error reply: FastAPI 422 `{"detail": [{loc, msg}]}` becomes
 * `loc: msg; …` (so field names show), `{"detail": "…"}` its text, Arbor HEAD's
 * `{"type", "message"}` becomes `type: message`; anything else the raw text. At most 1000
 * characters.
 */
export function errorDetail(text: string): string {
  let detail = text.trim() === "" ? "(empty body)" : text.trim();
  try {
    const body = JSON.parse(text) as Record<string, unknown> | null;
    if (Array.isArray(body?.detail)) {
      detail = body.detail.map((item: { loc?: unknown; msg?: unknown }) =>
        `${describeLoc(item?.loc)}: ${item?.msg ?? JSON.stringify(item)}`
      ).join("; ");
    } else if (typeof body?.detail === "string") detail = body.detail;
    else if (typeof body?.message === "string") {
      detail = typeof body.type === "string" ? `${body.type}: ${body.message}` : body.message;
    }
  } catch {
    // Not JSON: keep the text.
  }
  return detail.length > 1000 ? `${detail.slice(0, 1000)}…` : detail;
}

/**
 * Sends one call and returns its parsed JSON body (2xx only).
 *
 * @throws {ArborUnavailableError} when no connection could be opened (after retries).
 * @throws {ArborHttpError} for an error status that is final or persisted through retries.
 * @throws {ArborRequestTimeoutError} when the last attempt timed out.
 * @throws {ArborConnectionError} when the last attempt lost its connection.
 * @throws {ArborProtocolError} when a 2xx body is not JSON.
 * @throws the signal's reason when `call.signal` aborts.
 */
export async function callArbor(http: ArborHttpSettings, call: ArborCall): Promise<unknown> {
  const operation = `${call.method} /${call.path}`;
  const init: RequestInit = { method: call.method };
  if (call.body !== undefined) {
    init.body = JSON.stringify(call.body);
    init.headers = { "content-type": "application/json" };
  }
  let attempts = 0;
  let last: Attempt;
  while (true) {
    attempts += 1;
    last = await attemptOnce(http, call, init);
    if (!retryable(last, call.retry) || attempts > http.maxRetries) break;
    await abortableSleep(backoffDelayMs(attempts, { ...http, jitter: 0.5 }), call.signal);
  }
  switch (last.kind) {
    case "ok":
      try {
        return JSON.parse(last.text);
      } catch (error) {
        throw new ArborProtocolError({
          operation,
          problem: `HTTP ${last.status} body is not JSON: ${last.text.slice(0, 200)}`,
        }, { cause: error });
      }
    case "http":
      throw new ArborHttpError({
        operation,
        status: last.status,
        detail: errorDetail(last.text),
        attempts,
      });
    case "timeout":
      throw new ArborRequestTimeoutError({ operation, timeoutMs: call.timeoutMs, attempts });
    case "unsent":
      throw new ArborUnavailableError(http.baseUrl, { cause: last.cause });
    case "connection":
      throw new ArborConnectionError({ operation, attempts }, { cause: last.cause });
  }
}
