/**
 * Errors of the LM client.
 *
 * @module
 */

/**
 * Why an LM request failed:
 * `http` (an error status), `timeout` (an attempt ran past `timeoutMs`), `connection` (no reply),
 * `invalid_response` (a 200 reply whose body is not JSON, is `null`, or has no non-empty content).
 */
export type LmFailureKind = LmRequestError["kind"];

/** Structured fields of an {@link LmRequestError}. */
export interface LmRequestErrorFields {
  /** The model the request was for. */
  model: string;
  /** What went wrong on the last attempt. */
  kind: LmFailureKind;
  /** The HTTP status of the last attempt, or `null` when there was none. */
  status: number | null;
  /** Attempts made (first attempt plus retries). */
  attempts: number;
  /** What the last attempt returned or raised, with secrets already redacted. */
  detail: string;
}

/**
 * An LM call failed for good: a non-retryable status (e.g. 400, 401, 404), or a retryable failure
 * (429, 5xx, timeout, connection, invalid reply) that persisted through every retry. The message
 * and the `cause` never contain the API key.
 */
export class LmRequestError extends Error {
  /** The model the request was for. */
  readonly model: string;
  /**
   * What went wrong on the last attempt: `http` (an error status), `timeout`, `connection`, or
   * `invalid_response` (a 200 reply without usable content).
   */
  readonly kind: "http" | "timeout" | "connection" | "invalid_response";
  /** HTTP status of the last attempt, or `null`. */
  readonly status: number | null;
  /** Attempts made. */
  readonly attempts: number;
  /** The last attempt's failure, redacted. */
  readonly detail: string;

  /** Builds the error and its message from structured fields. */
  constructor(fields: LmRequestErrorFields, options?: ErrorOptions) {
    const status = fields.status === null ? "" : ` (HTTP ${fields.status})`;
    super(
      `LM request for model "${fields.model}" failed after ${fields.attempts} attempt(s): ` +
        `${fields.kind}${status}: ${fields.detail}`,
      options,
    );
    this.name = "LmRequestError";
    this.model = fields.model;
    this.kind = fields.kind;
    this.status = fields.status;
    this.attempts = fields.attempts;
    this.detail = fields.detail;
  }
}

/** `chat()` was called on a client after `close()`. */
export class LmClientClosedError extends Error {
  /** The model of the closed client. */
  readonly model: string;

  /** Builds the error for the closed client of `model`. */
  constructor(model: string, options?: ErrorOptions) {
    super(`LM client for model "${model}" is closed; create a new client`, options);
    this.name = "LmClientClosedError";
    this.model = model;
  }
}

/** What a redacted secret is replaced with. */
export const REDACTED = "[REDACTED]";

/**
 * Replaces every occurrence of every non-empty secret in `text` with `[REDACTED]`. Longer
 * secrets are replaced first, so a secret containing another is removed whole.
 *
 * @example
 * ```ts
 * redactSecrets("401: bad key sk-123", ["sk-123"]); // "401: bad key [REDACTED]"
 * ```
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const sorted = secrets.filter((s) => typeof s === "string" && s !== "")
    .sort((a, b) => b.length - a.length);
  let out = text;
  for (const secret of sorted) out = out.split(secret).join(REDACTED);
  return out;
}
