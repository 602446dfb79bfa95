/**
 * The Arbor client's public types: the client interface both dialects implement, GRPO group
 * items and the normalised job status.
 *
 * @module
 */

import type { ArborDialect, GroupItem } from "../protocol/mod.ts";
import type { TrainerSettings } from "./trainer_settings.ts";

/** A saved checkpoint as the server reports it. */
export interface ArborCheckpoint {
  /** Its name. */
  name: string;
  /** Where the server wrote it, or `null` when not reported. */
  dir: string | null;
  /** Optimizer steps when saved (HEAD), or `null`. */
  globalStep: number | null;
  /** The metadata sent with the request (HEAD), or `null`. */
  metadata: Record<string, unknown> | null;
}

/** What a GRPO call returned, in one shape for both dialects. */
export interface ArborJobStatus {
  /** The job id (HEAD), or `null` (mid-2025 has one global job). */
  jobId: string | null;
  /** `running`, `cancelled`, `created`, `success` (mid-2025) or `null`. */
  status: string | null;
  /** The model name chat requests should use now, or `null` when not reported. */
  currentModel: string | null;
  /** Batch ids the trainer waits for (HEAD; always `[]` for mid-2025). */
  pendingBatchIds: number[];
  /** Saved checkpoints by name. */
  checkpoints: Record<string, ArborCheckpoint>;
  /** The last checkpoint's name, or `null`. */
  lastCheckpoint: string | null;
  /** The reply as received (e.g. extra fields a compatible server adds). */
  raw: Record<string, unknown>;
}

/** Where a client's job is in its life. */
export type ArborJobState =
  | "new"
  | "initializing"
  | "running"
  | "terminated"
  | "cancelled"
  | "failed";

/** Cancellation and timeout of one call. */
export interface ArborCallOptions {
  /** Cancels the call (it rejects with the signal's reason). Default: none. */
  signal?: AbortSignal;
  /** Per-attempt timeout, ms. Default: the client's timeout for this kind of call. */
  timeoutMs?: number;
}

/** Options of {@link ArborClient.step}. */
export interface ArborStepOptions extends ArborCallOptions {
  /** The pending batch id this group fulfils (from `pendingBatchIds`). Required. */
  batchId: number;
  /** Client metrics for the trainer log (HEAD only; mid-2025 has no field). Default: none. */
  metrics?: Record<string, number | string | boolean | null>;
}

/**
 * A GRPO job on an Arbor server, in either dialect. Typical use: `initialize`, then per
 * iteration `pendingBatchIds` and one `step` per returned id, `checkpoint` when validation
 * improves, and always `terminate` (see `withArborJob`).
 */
export interface ArborClient {
  /** The server's dialect. */
  readonly dialect: ArborDialect;
  /** The `/v1/` base URL (OpenAI-compatible chat lives at `<baseUrl>chat/completions`). */
  readonly baseUrl: string;
  /** Where the job is in its life. */
  readonly state: ArborJobState;
  /** The job id (HEAD, after initialize), else `null`. */
  readonly jobId: string | null;
  /**
   * The name of the model being trained as the server knows it now: HEAD the job id after
   * `initialize`; mid-2025 the base model after `initialize`, then the output-dir path the
   * server returns from each `step` and from `terminate`. `null` before `initialize`.
   */
  readonly currentModel: string | null;
  /** The resolved trainer settings sent by `initialize`, or `null` before it. */
  readonly settings: TrainerSettings | null;
  /** Groups sent so far. */
  readonly batchesSent: number;
  /** Whether the server may hold a job that `terminate` would end. */
  readonly needsTerminate: boolean;
  /**
   * Starts the GRPO job (blocks while Arbor launches vLLM and the trainer).
   *
   * @throws {ArborStateError} when called twice.
   * @throws {RangeError} for settings the dialect's trainer would refuse or hang on.
   */
  initialize(settings: TrainerSettings, options?: ArborCallOptions): Promise<ArborJobStatus>;
  /**
   * The batch ids to send groups for now, ascending, never one already sent. HEAD: polls
   * `/status` until the trainer asks for a new id, failing with `ArborTimeoutError` after the
   * idle timeout. Mid-2025 (push-style): at once, `[batchesSent]`.
   */
  pendingBatchIds(options?: ArborCallOptions): Promise<number[]>;
  /**
   * Sends one group of exactly `numGenerations` items for a pending batch id. Never sends an id
   * twice; not retried once the request may have reached the server.
   *
   * @throws {RangeError} when the id is not pending or the group has the wrong size.
   */
  step(group: readonly GroupItem[], options: ArborStepOptions): Promise<ArborJobStatus>;
  /** Saves a named checkpoint (blocks until written); metadata is HEAD-only. */
  checkpoint(
    name: string,
    metadata?: Record<string, unknown> | null,
    options?: ArborCallOptions,
  ): Promise<ArborJobStatus>;
  /** Ends the job: final save, trainer stopped. Safe to call twice (the second is a no-op). */
  terminate(options?: ArborCallOptions): Promise<ArborJobStatus | null>;
  /** Cancels the job without saving (HEAD `/cancel`; mid-2025 has none and terminates). */
  cancel(options?: ArborCallOptions): Promise<void>;
}
