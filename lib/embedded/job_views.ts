/**
 * The JSON views of a job: HEAD's `GRPOStatus`, mid-2025's status object, and the metrics
 * document of `GET /v1/fine_tuning/grpo/metrics`.
 *
 * @module
 */

import type { CheckpointRecord, GrpoJob } from "./grpo_job.ts";

/** HEAD's `GRPOStatus` response. */
export interface GrpoStatusView {
  /** The job id. */
  job_id: string;
  /** `"running"` (also after terminate, as in Arbor) or `"cancelled"`. */
  status: string | null;
  /** Always the job id. */
  current_model: string;
  /** Saved checkpoints by name. */
  checkpoints: Record<string, CheckpointRecord>;
  /** The last checkpoint's name, or `null`. */
  last_checkpoint: string | null;
  /** Batch ids the trainer waits for. */
  pending_batch_ids: number[];
}

/** Builds HEAD's `GRPOStatus` for a job. */
export function grpoStatus(job: GrpoJob): GrpoStatusView {
  return {
    job_id: job.id,
    status: job.lifecycle === "cancelled" ? "cancelled" : "running",
    current_model: job.id,
    checkpoints: Object.fromEntries(job.checkpoints),
    last_checkpoint: job.lastCheckpoint,
    pending_batch_ids: job.pendingBatchIds(),
  };
}

/** Mid-2025's response to `step`, `checkpoint` and `terminate`. */
export interface MidStatusView {
  /** Always `"success"`. */
  status: "success";
  /** The output folder once a step was sent (or after terminate with steps); else the model. */
  current_model: string;
  /** Checkpoint name → folder. */
  checkpoints: Record<string, string>;
  /** The last checkpoint's name, or `null`. */
  last_checkpoint: string | null;
}

/** Builds mid-2025's status for a job. */
export function midStatus(job: GrpoJob): MidStatusView {
  return {
    status: "success",
    current_model: job.groupsReceived > 0 ? job.dir : job.model,
    checkpoints: Object.fromEntries(
      [...job.checkpoints].map(([name, record]) => [name, record.checkpoint_dir]),
    ),
    last_checkpoint: job.lastCheckpoint,
  };
}

/** The training metrics of a job (an embedded-server extension; Arbor has no such route). */
export function metricsView(job: GrpoJob): Record<string, unknown> {
  return {
    job_id: job.id,
    lifecycle: job.lifecycle,
    global_step: job.globalStep,
    groups_received: job.groupsReceived,
    max_steps: job.training.maxSteps,
    num_generations: job.training.numGenerations,
    ignored_fields: job.training.ignoredFields,
    steps: job.steps.map((s) => ({
      batch_id: s.batchId,
      loss: s.stats.loss,
      kl: s.stats.kl,
      grad_norm: s.stats.gradNorm,
      reward_mean: s.stats.rewardMean,
      reward_std: s.stats.rewardStd,
      advantages: s.stats.advantages,
      optimizer_step: s.stats.optimizerStep,
      global_step: s.stats.globalStep,
      client_metrics: s.clientMetrics,
      timestamp: s.timestamp,
    })),
  };
}
