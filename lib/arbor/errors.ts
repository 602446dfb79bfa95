/**
 * Errors of the Arbor client. Every class extends {@link ArborError}, carries structured fields
 * and keeps the underlying failure as `cause`.
 *
 * @module
 */

/** Base class of every Arbor client error (catch this to handle all of them). */
export class ArborError extends Error {
  /** Builds the error. */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ArborError";
  }
}

/** No server accepted a connection at the base URL (connection refused, unknown host). */
export class ArborUnavailableError extends ArborError {
  /** The base URL that was tried (e.g. `http://127.0.0.1:7453/v1/`). */
  readonly baseUrl: string;

  /** Builds the error for `baseUrl`. */
  constructor(baseUrl: string, options?: ErrorOptions) {
    super(
      `No Arbor server found at ${baseUrl} — start one with ` +
        "`python -m arbor.cli serve --arbor-config arbor.yaml`, or use `--backend embedded`",
      options,
    );
    this.name = "ArborUnavailableError";
    this.baseUrl = baseUrl;
  }
}

/** The trainer stopped asking for data: `/status` showed no new pending batch id for too long. */
export class ArborTimeoutError extends ArborError {
  /** The job that went quiet. */
  readonly jobId: string;
  /** How long the client waited, ms. */
  readonly waitedMs: number;
  /** The batch ids already sent, for the diagnosis. */
  readonly batchesSent: number;

  /** Builds the error. */
  constructor(fields: { jobId: string; waitedMs: number; batchesSent: number }) {
    super(
      `Arbor job ${fields.jobId}: trainer is not requesting data (no pending batch for ` +
        `${
          Number((fields.waitedMs / 1000).toFixed(1))
        } s, after ${fields.batchesSent} batch(es) sent). ` +
        "The trainer may have crashed or reached max_steps; check the Arbor server log.",
    );
    this.name = "ArborTimeoutError";
    this.jobId = fields.jobId;
    this.waitedMs = fields.waitedMs;
    this.batchesSent = fields.batchesSent;
  }
}

/** One HTTP request to Arbor got no complete reply within its timeout (after any retries). */
export class ArborRequestTimeoutError extends ArborError {
  /** What was called, e.g. `POST /v1/fine_tuning/grpo/status`. */
  readonly operation: string;
  /** The per-attempt timeout, ms. */
  readonly timeoutMs: number;
  /** Attempts made. */
  readonly attempts: number;

  /** Builds the error. */
  constructor(fields: { operation: string; timeoutMs: number; attempts: number }) {
    super(
      `Arbor request ${fields.operation} timed out after ${fields.timeoutMs} ms ` +
        `(${fields.attempts} attempt(s))`,
    );
    this.name = "ArborRequestTimeoutError";
    this.operation = fields.operation;
    this.timeoutMs = fields.timeoutMs;
    this.attempts = fields.attempts;
  }
}

/** Arbor answered with an error status (4xx/5xx). The message carries the server's detail. */
export class ArborHttpError extends ArborError {
  /** What was called. */
  readonly operation: string;
  /** The HTTP status. */
  readonly status: number;
  /** The server's explanation (422: `loc: msg` per field), at most 1000 characters. */
  readonly detail: string;
  /** Attempts made. */
  readonly attempts: number;

  /** Builds the error. */
  constructor(fields: { operation: string; status: number; detail: string; attempts: number }) {
    super(
      `Arbor request ${fields.operation} failed with HTTP ${fields.status}` +
        `${fields.attempts > 1 ? ` after ${fields.attempts} attempts` : ""}: ${fields.detail}`,
    );
    this.name = "ArborHttpError";
    this.operation = fields.operation;
    this.status = fields.status;
    this.detail = fields.detail;
    this.attempts = fields.attempts;
  }
}

/** The connection broke after the request may have been sent (reset, closed early). */
export class ArborConnectionError extends ArborError {
  /** What was called. */
  readonly operation: string;
  /** Attempts made. */
  readonly attempts: number;

  /** Builds the error; `cause` is the last network error. */
  constructor(fields: { operation: string; attempts: number }, options?: ErrorOptions) {
    const cause = options?.cause instanceof Error ? `: ${options.cause.message}` : "";
    super(
      `Arbor request ${fields.operation} lost its connection (${fields.attempts} attempt(s))${cause}`,
      options,
    );
    this.name = "ArborConnectionError";
    this.operation = fields.operation;
    this.attempts = fields.attempts;
  }
}

/** A 2xx reply that is not what the protocol promises (not JSON, `null`, missing fields). */
export class ArborProtocolError extends ArborError {
  /** What was called. */
  readonly operation: string;
  /** What was wrong with the reply. */
  readonly problem: string;

  /** Builds the error. */
  constructor(fields: { operation: string; problem: string }, options?: ErrorOptions) {
    super(
      `Arbor request ${fields.operation} returned an unusable reply: ${fields.problem}`,
      options,
    );
    this.name = "ArborProtocolError";
    this.operation = fields.operation;
    this.problem = fields.problem;
  }
}

/** A call that the job's state does not allow (e.g. `step` before `initialize`). */
export class ArborStateError extends ArborError {
  /** The job's state when the call came. */
  readonly state: string;
  /** The call that was refused. */
  readonly action: string;

  /** Builds the error. */
  constructor(fields: { state: string; action: string }) {
    super(`Arbor client cannot ${fields.action}: the job is ${fields.state}`);
    this.name = "ArborStateError";
    this.state = fields.state;
    this.action = fields.action;
  }
}
