/**
 * Turns an `initialize` body (either dialect) into the settings the embedded trainer honours,
 * checks them the way a real Arbor trainer would, and lists every sent field it cannot honour.
 *
 * @module
 */

import { TrainerConfigError } from "./errors.ts";
import type { HeadInitializeBody, MidInitializeBody } from "../protocol/mod.ts";
import type { GrpoHyperparams } from "./policy_types.ts";
import {
  CONSTANT_LR,
  LR_SCHEDULER_TYPES,
  type LrSchedule,
  type LrSchedulerType,
} from "./lr_schedule.ts";

/** The resolved training settings of one job. */
export interface JobTrainingConfig {
  /** Group size G: every `/step` batch must hold exactly this many items. */
  numGenerations: number;
  /** Optimizer steps after which the trainer stops requesting batches (`null`: unbounded). */
  maxSteps: number | null;
  /** Hyper-parameters passed to `TrainablePolicy.train`. */
  hyperparams: GrpoHyperparams;
  /** Reward shaping length L0 (`soft_completion_penalty_length`), or `null`. */
  softCompletionPenaltyLength: number | null;
  /** `max_completion_length` (whitespace tokens), or `null`. */
  maxCompletionLength: number | null;
  /** Dotted names of sent fields the embedded trainer accepts but cannot honour. */
  ignoredFields: string[];
}

const HEAD_HONOURED = new Set([
  "temperature",
  "beta",
  "num_generations",
  "learning_rate",
  "gradient_accumulation_steps",
  "scale_rewards",
  "max_grad_norm",
  "max_steps",
  "soft_completion_penalty_length",
  "lr_scheduler_type",
  "warmup_steps",
]);

const MID_HONOURED = new Set([
  "model",
  "temperature",
  "beta",
  "num_generations",
  "learning_rate",
  "gradient_accumulation_steps",
  "scale_rewards",
  "max_grad_norm",
  "suffix",
  "grpo_flavor",
  "per_device_train_batch_size",
  "lr_scheduler_type",
]);

const HANG =
  "a real Arbor trainer process would fail at start-up and initialize would hang forever";

/**
 * The schedule a trainer runs for a sent `lr_scheduler_type` (Hugging Face's default `linear`
 * when none is sent), or `null` when the embedded trainer cannot honour it (an unknown type, or a
 * decay without `max_steps`); the caller then runs a constant rate and lists the field as
 * ignored.
 */
function scheduleOf(
  sent: string | null | undefined,
  warmupSteps: number,
  totalSteps: number | null,
): LrSchedule | null {
  const type = sent ?? "linear";
  if (!LR_SCHEDULER_TYPES.includes(type as LrSchedulerType)) return null;
  if ((type === "linear" || type === "cosine") && totalSteps === null) return null;
  return { type: type as LrSchedulerType, warmupSteps, totalSteps };
}

function keysOf(value: unknown): string[] {
  return value !== null && typeof value === "object" ? Object.keys(value) : [];
}

function checkCommon(
  prefix: string,
  fields: {
    numGenerations: number;
    generationBatchSize: number;
    worldTimesAccum: number;
    accum: number;
  },
  hyper: GrpoHyperparams,
): void {
  const g = fields.numGenerations;
  if (g < 2) {
    throw new TrainerConfigError(
      `${prefix}num_generations`,
      g,
      `GRPO needs at least 2 generations per group to compute advantages; ${HANG}.`,
    );
  }
  if (fields.generationBatchSize % g !== 0) {
    throw new TrainerConfigError(
      `${prefix}generation_batch_size`,
      fields.generationBatchSize,
      `must be a multiple of num_generations = ${g} (default: per_device_train_batch_size × ` +
        "training GPUs × gradient_accumulation_steps).",
    );
  }
  if (g < fields.worldTimesAccum) {
    throw new TrainerConfigError(
      `${prefix}num_generations`,
      g,
      `must be ≥ training GPUs × gradient_accumulation_steps = ${fields.worldTimesAccum}; ${HANG}.`,
    );
  }
  if (!(hyper.temperature > 0)) {
    throw new TrainerConfigError(
      `${prefix}temperature`,
      hyper.temperature,
      "must be > 0 (the trainer divides logits by it).",
    );
  }
  if (hyper.learningRate < 0 || hyper.beta < 0) {
    throw new TrainerConfigError(
      `${prefix}${hyper.learningRate < 0 ? "learning_rate" : "beta"}`,
      hyper.learningRate < 0 ? hyper.learningRate : hyper.beta,
      "must be ≥ 0.",
    );
  }
  if (fields.accum < 1) {
    throw new TrainerConfigError(
      `${prefix}gradient_accumulation_steps`,
      fields.accum,
      "must be ≥ 1.",
    );
  }
}

/**
 * Resolves a 2025.11 `initialize` body (`raw` is the body as sent, used to tell sent fields
 * from defaults) with `ArborGRPOConfig`'s defaults.
 *
 * @throws {TrainerConfigError} for settings a real Arbor would reject (400) or hang on.
 */
export function resolveHeadTraining(body: HeadInitializeBody, raw: unknown): JobTrainingConfig {
  const tc = body.trainer_config;
  const maxSteps = tc.max_steps ?? -1;
  const warmupSteps = tc.warmup_steps ?? 0;
  const schedule = scheduleOf(tc.lr_scheduler_type, warmupSteps, maxSteps > 0 ? maxSteps : null);
  const accum = tc.gradient_accumulation_steps ?? 1;
  const hyperparams: GrpoHyperparams = {
    learningRate: tc.learning_rate ?? 1e-6,
    beta: tc.beta ?? 0.001,
    scaleRewards: tc.scale_rewards ?? false,
    maxGradNorm: tc.max_grad_norm ?? 1.0,
    // One group is one trainer batch, split over ranks and gradient-accumulation micro-batches.
    groupsPerStep: 1,
    lrSchedule: schedule ?? { ...CONSTANT_LR },
    epsilon: 0.2,
    epsilonHigh: 0.28,
    temperature: tc.temperature ?? 1.0,
  };
  const numGenerations = tc.num_generations ?? 8;
  const trainingGpus = tc.num_training_gpus ?? body.gpu_config?.multi.num_training_gpus ?? 1;
  checkCommon("trainer_config.", {
    numGenerations,
    generationBatchSize: tc.generation_batch_size ??
      (tc.per_device_train_batch_size ?? 8) * trainingGpus * accum,
    worldTimesAccum: trainingGpus * accum,
    accum,
  }, hyperparams);
  if (warmupSteps < 0) {
    throw new TrainerConfigError("trainer_config.warmup_steps", warmupSteps, "must be ≥ 0.");
  }
  if (maxSteps <= 0) {
    throw new TrainerConfigError(
      "trainer_config.max_steps",
      tc.max_steps ?? "(not sent; Hugging Face default -1)",
      `must be > 0: the trainer needs a finite number of steps; ${HANG}.`,
    );
  }
  const rawTc = (raw as { trainer_config?: Record<string, unknown> })?.trainer_config ?? {};
  if ("max_seq_len" in rawTc && tc.max_seq_len == null && tc.max_completion_length == null) {
    throw new TrainerConfigError(
      "trainer_config.max_seq_len",
      null,
      `max_seq_len or max_completion_length must be set (DSPy's default sends null); ${HANG}.`,
    );
  }
  const softLength = tc.soft_completion_penalty_length ?? null;
  const maxCompletionLength = tc.max_completion_length ?? null;
  if (softLength !== null && (maxCompletionLength === null || maxCompletionLength <= softLength)) {
    throw new TrainerConfigError(
      "trainer_config.soft_completion_penalty_length",
      softLength,
      `needs max_completion_length > it (got ${maxCompletionLength}).`,
    );
  }
  const ignored = keysOf(rawTc)
    .filter((k) => !HEAD_HONOURED.has(k) || (k === "lr_scheduler_type" && schedule === null))
    .filter((k) => !(k === "max_completion_length" && softLength !== null))
    .map((k) => `trainer_config.${k}`);
  const rawInference = (raw as { inference_config?: unknown })?.inference_config;
  ignored.push(
    ...keysOf(rawInference).filter((k) => k !== "model").map((k) => `inference_config.${k}`),
  );
  if (raw !== null && typeof raw === "object" && "gpu_config" in raw) ignored.push("gpu_config");
  return {
    numGenerations,
    maxSteps,
    hyperparams,
    softCompletionPenaltyLength: softLength,
    maxCompletionLength,
    ignoredFields: ignored,
  };
}

/**
 * Resolves a 2025.06 flat `initialize` body with TRL `GRPOConfig`'s mid-2025 defaults. Unknown
 * fields were ignored by mid-2025 Arbor; they are listed in `ignoredFields` too.
 *
 * @throws {TrainerConfigError} for settings TRL would reject (the mid-2025 server would hang).
 */
export function resolveMidTraining(body: MidInitializeBody, raw: unknown): JobTrainingConfig {
  const numGenerations = body.num_generations ?? 8;
  const accum = body.gradient_accumulation_steps ?? 1;
  const perDevice = body.per_device_train_batch_size ?? 8;
  // TRL's warm-up defaults to 0 steps, and without max_steps no decay can be scheduled.
  const schedule = scheduleOf(body.lr_scheduler_type, 0, null);
  const hyperparams: GrpoHyperparams = {
    learningRate: body.learning_rate ?? 1e-6,
    beta: body.beta ?? 0.04,
    scaleRewards: body.scale_rewards ?? true,
    maxGradNorm: body.max_grad_norm ?? 1.0,
    // TRL steps the optimizer every per_device × accumulation sequences (one training process).
    groupsPerStep: Math.max(1, Math.round((perDevice * accum) / numGenerations)),
    lrSchedule: schedule ?? { ...CONSTANT_LR },
    epsilon: 0.2,
    epsilonHigh: 0.2,
    temperature: body.temperature ?? 0.9,
  };
  checkCommon("", {
    numGenerations,
    generationBatchSize: body.generation_batch_size ?? perDevice * accum,
    worldTimesAccum: 1,
    accum,
  }, hyperparams);
  if ((body.grpo_flavor ?? "grpo") !== "grpo") {
    throw new TrainerConfigError(
      "grpo_flavor",
      body.grpo_flavor,
      'only "grpo" is supported by the embedded server (mmgrpo items carry advantages).',
    );
  }
  return {
    numGenerations,
    maxSteps: null,
    hyperparams,
    softCompletionPenaltyLength: null,
    maxCompletionLength: body.max_completion_length ?? null,
    ignoredFields: keysOf(raw).filter((k) =>
      !MID_HONOURED.has(k) ||
      (k === "lr_scheduler_type" && (raw as Record<string, unknown>)[k] != null &&
        schedule === null)
    ),
  };
}
