/**
 * Errors of the embedded Arbor-compatible server. Each names one condition, carries structured
 * fields, and maps to one HTTP status in `error_response.ts`.
 *
 * @module
 */

/** One field-level problem of a request body, shaped like FastAPI's 422 `detail` items. */
export interface ValidationDetail {
  /** The pydantic-style error type, e.g. `extra_forbidden`, `missing`, `float_type`. */
  type: string;
  /** Where: `["body", "trainer_config", "temperature"]`. */
  loc: (string | number)[];
  /** A human-readable message. */
  msg: string;
  /** The offending value (omitted when there is none). */
  input?: unknown;
}

/** A request body failed schema validation (HTTP 422, FastAPI's `{"detail": [...]}` shape). */
export class RequestValidationError extends TypeError {
  /** Every problem found, in body order. */
  readonly details: ValidationDetail[];

  /** Builds the error; the message lists the first problems. */
  constructor(details: ValidationDetail[], options?: ErrorOptions) {
    const shown = details.slice(0, 3).map((d) => `${d.loc.join(".")}: ${d.msg}`).join("; ");
    super(`Invalid request body (${details.length} problem(s)): ${shown}`, options);
    this.name = "RequestValidationError";
    this.details = details;
  }
}

/** The request body is larger than the server accepts (HTTP 413). */
export class BodyTooLargeError extends RangeError {
  /** The limit in bytes. */
  readonly limitBytes: number;
  /** The bytes seen when the limit was crossed (or the declared Content-Length). */
  readonly receivedBytes: number;

  /** Builds the error from the limit and the size seen. */
  constructor(limitBytes: number, receivedBytes: number, options?: ErrorOptions) {
    super(
      `Request body too large: at least ${receivedBytes} bytes, limit is ${limitBytes} bytes ` +
        "(start the server with a larger maxBodyBytes / --max-body-bytes to accept it).",
      options,
    );
    this.name = "BodyTooLargeError";
    this.limitBytes = limitBytes;
    this.receivedBytes = receivedBytes;
  }
}

/** No GRPO job has this id (HTTP 400 like Arbor's `ValueError`; 404 for `cancel`). */
export class UnknownJobError extends Error {
  /** The id that was asked for. */
  readonly jobId: string;
  /** The ids that do exist. */
  readonly knownJobIds: string[];

  /** Builds the error listing the known ids. */
  constructor(jobId: string, knownJobIds: string[], options?: ErrorOptions) {
    const known = knownJobIds.length === 0 ? "none" : knownJobIds.join(", ");
    super(`Unknown GRPO job id ${JSON.stringify(jobId)} (known jobs: ${known}).`, options);
    this.name = "UnknownJobError";
    this.jobId = jobId;
    this.knownJobIds = knownJobIds;
  }
}

/** A `/step` batch is not exactly one group of `num_generations` items (HTTP 400). */
export class GroupSizeError extends RangeError {
  /** The job's `num_generations`. */
  readonly expected: number;
  /** The number of items received (for a nested list: the number of inner lists). */
  readonly found: number;
  /** Whether the batch was a list of groups rather than one flat group. */
  readonly nested: boolean;

  /** Builds the error from the expected and found sizes. */
  constructor(
    fields: { expected: number; found: number; nested: boolean },
    options?: ErrorOptions,
  ) {
    super(
      fields.nested
        ? `batch must be one flat group of ${fields.expected} items; got a list of ` +
          `${fields.found} groups. Send one group per /step request.`
        : `batch must hold exactly num_generations = ${fields.expected} items; got ${fields.found}.`,
      options,
    );
    this.name = "GroupSizeError";
    this.expected = fields.expected;
    this.found = fields.found;
    this.nested = fields.nested;
  }
}

/** A trainer configuration a real Arbor trainer would reject or hang on (HTTP 400). */
export class TrainerConfigError extends RangeError {
  /** The offending field, e.g. `trainer_config.num_generations`. */
  readonly field: string;
  /** Its value as sent (or resolved from defaults). */
  readonly value: unknown;

  /** Builds the error; `reason` explains the rule and what a real Arbor would do. */
  constructor(field: string, value: unknown, reason: string, options?: ErrorOptions) {
    super(`Invalid ${field} = ${JSON.stringify(value)}: ${reason}`, options);
    this.name = "TrainerConfigError";
    this.field = field;
    this.value = value;
  }
}

/** The job cannot do this in its current state, e.g. `step` after `terminate` (HTTP 400). */
export class JobStateError extends Error {
  /** The job id. */
  readonly jobId: string;
  /** The job's state, e.g. `terminated`, `cancelled`, `finished`. */
  readonly state: string;
  /** What was attempted, e.g. `step`. */
  readonly action: string;

  /** Builds the error from the job, its state and the attempted action. */
  constructor(
    fields: { jobId: string; state: string; action: string; hint?: string },
    options?: ErrorOptions,
  ) {
    super(
      `Cannot ${fields.action} job ${JSON.stringify(fields.jobId)}: it is ${fields.state}.` +
        (fields.hint ? ` ${fields.hint}` : ""),
      options,
    );
    this.name = "JobStateError";
    this.jobId = fields.jobId;
    this.state = fields.state;
    this.action = fields.action;
  }
}

/** A checkpoint is already being written for this job (HTTP 500, as in Arbor). */
export class CheckpointBusyError extends Error {
  /** The job id. */
  readonly jobId: string;

  /** Builds the error for the job. */
  constructor(jobId: string, options?: ErrorOptions) {
    super(`A checkpoint request is already in progress for job ${JSON.stringify(jobId)}.`, options);
    this.name = "CheckpointBusyError";
    this.jobId = jobId;
  }
}

/** A checkpoint folder is missing or unreadable (HTTP 404 like Arbor's `FileNotFoundError`). */
export class CheckpointNotFoundError extends Error {
  /** The folder that was looked at. */
  readonly dir: string;

  /** Builds the error for the folder; `cause` carries the file-system error. */
  constructor(dir: string, reason: string, options?: ErrorOptions) {
    super(`No usable checkpoint at ${dir}: ${reason}`, options);
    this.name = "CheckpointNotFoundError";
    this.dir = dir;
  }
}

/** A request the embedded server understands but does not support, e.g. `stream: true`. */
export class UnsupportedRequestError extends Error {
  /** The feature that was asked for. */
  readonly feature: string;

  /** Builds the error for the feature, with a hint. */
  constructor(feature: string, hint: string, options?: ErrorOptions) {
    super(`Unsupported by the embedded Arbor server: ${feature}. ${hint}`, options);
    this.name = "UnsupportedRequestError";
    this.feature = feature;
  }
}
