/**
 * One GRPO job of the embedded server: its policy, its settings, the groups it has trained on,
 * the batch ids it is waiting for, and its checkpoints.
 *
 * @module
 */

import { join } from "node:path";
import { type CheckpointMetadata, writeCheckpointDir } from "./checkpoint_files.ts";
import { CheckpointBusyError, GroupSizeError, JobStateError } from "./errors.ts";
import type { ArborDialect, GroupItem } from "../protocol/mod.ts";
import type { StepStats, TrainablePolicy } from "./policy_types.ts";
import type { JobTrainingConfig } from "./training_config.ts";

/** Arbor's record of one saved checkpoint (HEAD `CheckpointRecord`). */
export interface CheckpointRecord {
  /** The checkpoint's name. */
  checkpoint_name: string;
  /** Absolute folder holding `policy.json` and `metadata.json`. */
  checkpoint_dir: string;
  /** Optimizer steps taken when it was saved. */
  global_step: number;
  /** Always `true` (saved on request). */
  requested: true;
  /** The client's metadata, or `null`. */
  metadata: Record<string, unknown> | null;
  /** Epoch seconds. */
  timestamp: number;
}

/** One `/step` the job applied. */
export interface StepRecord {
  /** The server's number for the group (0, 1, 2, …). */
  batchId: number;
  /** What the policy's update reported. */
  stats: StepStats;
  /** The client's `metrics` field (HEAD), or `null`. */
  clientMetrics: Record<string, unknown> | null;
  /** Epoch seconds. */
  timestamp: number;
}

/** Where a job is in its life. */
export type JobLifecycle = "running" | "terminated" | "cancelled";

/** What a job is built from. */
export interface GrpoJobInit {
  /** Job id (HEAD) or run name (mid-2025). */
  id: string;
  /** The model name given to `initialize` (prefixes stripped). */
  model: string;
  /** The dialect of the server. */
  dialect: ArborDialect;
  /** Absolute folder of the job (`<outputDir>/<portable id>`, unique per run). */
  dir: string;
  /** The freshly built (or restored) policy. */
  policy: TrainablePolicy;
  /** The resolved training settings. */
  training: JobTrainingConfig;
  /** The `initialize` body as sent. */
  request: unknown;
}

function whitespaceTokens(text: string): number {
  const trimmed = text.trim();
  return trimmed === "" ? 0 : trimmed.split(/\s+/).length;
}

/** A GRPO job. */
export class GrpoJob {
  /** Job id (HEAD) or run name (mid-2025). */
  readonly id: string;
  /** The model name given to `initialize`. */
  readonly model: string;
  /** The dialect of the server. */
  readonly dialect: ArborDialect;
  /** Absolute folder of the job. */
  readonly dir: string;
  /** The policy being trained and served. */
  readonly policy: TrainablePolicy;
  /** The resolved training settings. */
  readonly training: JobTrainingConfig;
  /** The `initialize` body as sent. */
  readonly request: unknown;
  /** Where the job is in its life. */
  lifecycle: JobLifecycle = "running";
  /** Groups applied so far (the next group's batch id). */
  groupsReceived = 0;
  /** Optimizer steps taken so far. */
  globalStep = 0;
  /** Every applied step, in order. */
  readonly steps: StepRecord[] = [];
  /** Saved checkpoints by name. */
  readonly checkpoints: Map<string, CheckpointRecord> = new Map();
  /** The last checkpoint's name, or `null`. */
  lastCheckpoint: string | null = null;
  #checkpointBusy = false;

  /** Builds a running job. */
  constructor(init: GrpoJobInit) {
    this.id = init.id;
    this.model = init.model;
    this.dialect = init.dialect;
    this.dir = init.dir;
    this.policy = init.policy;
    this.training = init.training;
    this.request = init.request;
  }

  /** Whether the trainer has taken `max_steps` optimizer steps. */
  get finished(): boolean {
    return this.training.maxSteps !== null && this.globalStep >= this.training.maxSteps;
  }

  /**
   * The batch ids the trainer waits for: the next group's id and one ahead
   * (`num_batches_ahead` = 1), never more than the groups still needed for `max_steps`; empty
   * once the job is finished, terminated or cancelled.
   */
  pendingBatchIds(): number[] {
    if (this.lifecycle !== "running" || this.finished) return [];
    let count = 2;
    if (this.training.maxSteps !== null) {
      const per = this.training.hyperparams.groupsPerStep;
      const needed = (this.training.maxSteps - this.globalStep) * per -
        (this.groupsReceived % per);
      count = Math.max(0, Math.min(2, needed));
    }
    return Array.from({ length: count }, (_, i) => this.groupsReceived + i);
  }

  /**
   * Applies one group: checks its size, shapes rewards (soft completion penalty), and calls
   * `policy.train`.
   *
   * @throws {JobStateError} when the job is not running or has reached `max_steps`.
   * @throws {GroupSizeError} when the group does not hold exactly `num_generations` items.
   */
  step(group: GroupItem[], clientMetrics: Record<string, unknown> | null, now: Date): StepRecord {
    this.#assertRunning("step");
    if (this.finished) {
      throw new JobStateError({
        jobId: this.id,
        state: `finished (max_steps = ${this.training.maxSteps} reached)`,
        action: "step",
        hint: "The trainer no longer requests batches; terminate the job.",
      });
    }
    if (group.length !== this.training.numGenerations) {
      throw new GroupSizeError({
        expected: this.training.numGenerations,
        found: group.length,
        nested: false,
      });
    }
    const stats = this.policy.train(this.#shapeRewards(group), this.training.hyperparams);
    this.globalStep = stats.globalStep;
    const record: StepRecord = {
      batchId: this.groupsReceived,
      stats,
      clientMetrics,
      timestamp: now.getTime() / 1000,
    };
    this.groupsReceived += 1;
    this.steps.push(record);
    return record;
  }

  /**
   * Saves the policy snapshot and the job's config under `<dir>/checkpoints/<name>/`.
   *
   * @throws {CheckpointBusyError} when another checkpoint of this job is being written.
   */
  async checkpoint(
    name: string,
    metadata: Record<string, unknown> | null,
    now: Date,
  ): Promise<CheckpointRecord> {
    if (this.#checkpointBusy) throw new CheckpointBusyError(this.id);
    this.#checkpointBusy = true;
    try {
      const record: CheckpointRecord = {
        checkpoint_name: name,
        checkpoint_dir: join(this.dir, "checkpoints", name),
        global_step: this.globalStep,
        requested: true,
        metadata,
        timestamp: now.getTime() / 1000,
      };
      await writeCheckpointDir(record.checkpoint_dir, {
        policy: this.policy.snapshot(),
        metadata: this.checkpointMetadata(name, metadata, record.timestamp),
      });
      this.checkpoints.set(name, record);
      this.lastCheckpoint = name;
      return record;
    } finally {
      this.#checkpointBusy = false;
    }
  }

  /** The contents of a checkpoint's `metadata.json`. */
  checkpointMetadata(
    name: string,
    metadata: Record<string, unknown> | null,
    timestamp: number,
  ): CheckpointMetadata {
    return {
      checkpoint_name: name,
      job_id: this.id,
      model: this.model,
      dialect: this.dialect,
      global_step: this.globalStep,
      groups_received: this.groupsReceived,
      metadata,
      timestamp,
      config: this.configDocument(),
    };
  }

  /** The job's `config.json`: request as sent, resolved settings, ignored fields. */
  configDocument(): Record<string, unknown> {
    return {
      job_id: this.id,
      dialect: this.dialect,
      model: this.model,
      request: this.request,
      num_generations: this.training.numGenerations,
      max_steps: this.training.maxSteps,
      hyperparams: this.training.hyperparams,
      soft_completion_penalty_length: this.training.softCompletionPenaltyLength,
      max_completion_length: this.training.maxCompletionLength,
      ignored_fields: this.training.ignoredFields,
    };
  }

  #assertRunning(action: string): void {
    if (this.lifecycle !== "running") {
      throw new JobStateError({ jobId: this.id, state: this.lifecycle, action });
    }
  }

  #shapeRewards(group: GroupItem[]): GroupItem[] {
    const l0 = this.training.softCompletionPenaltyLength;
    const lMax = this.training.maxCompletionLength;
    if (l0 === null || lMax === null) return group;
    return group.map((item) => {
      const length = whitespaceTokens(item.completion.content);
      if (length <= l0 || item.reward <= 0) return item;
      return { ...item, reward: item.reward * (1 - (length - l0) / (lMax - l0)) };
    });
  }
}
