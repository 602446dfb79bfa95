/**
 * What the GRPO loop needs from a training backend (an Arbor server of either dialect, or the
 * embedded one — the loop cannot tell them apart).
 *
 * @module
 */

import type { GroupItem } from "../protocol/mod.ts";

/** One rollout as sent to Arbor's `/step`: the wire's group item. */
export type RolloutItem = GroupItem;

/** A training backend behind the Arbor protocol. */
export interface GrpoBackend {
  /** The wire dialect (`2025.11` or `2025.06`). */
  readonly dialect: string;
  /** The job id (2025.11), or `null`. */
  readonly jobId: string | null;
  /** The model name to send chat requests to now (it may change after a step in 2025.06). */
  chatModel(): string;
  /**
   * Hands one group of exactly G items to the trainer: in 2025.11 waits (bounded) for a pending
   * batch id not yet fulfilled and sends the group for it; in 2025.06 pushes it.
   *
   * @returns the batch id used (2025.11) or `null`, and any training figures the server reported.
   */
  submitGroup(
    group: RolloutItem[],
    metrics: Record<string, unknown>,
  ): Promise<{ batchId: number | null; serverMetrics: Record<string, unknown> }>;
  /** Asks the trainer to save a checkpoint; returns its path or name. */
  checkpoint(name: string, metadata: Record<string, unknown>): Promise<string | null>;
  /** Ends the job (final save). Safe to call twice. */
  terminate(): Promise<void>;
}
