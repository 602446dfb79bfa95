/**
 * The two Arbor wire dialects: their names and the request schemas of their GRPO routes (the
 * parsed bodies' types are in `arbor_bodies.ts`). The
 * embedded server validates its input against these; a client may use the same types.
 *
 * - `2025.11` (HEAD): job ids, pull-style batches; like Arbor's pydantic models the bodies forbid
 *   unknown fields (→ 422 `extra_forbidden`).
 * - `2025.06` (mid-2025): one global job, push-style steps; like pydantic's default the bodies
 *   ignore unknown fields (the server reports them back as ignored) but check known ones.
 *
 * @module
 */

import { z } from "../deps.ts";
import type {
  GpuConfigBody,
  HeadCheckpointBody,
  HeadInitializeBody,
  HeadStepBody,
  HeadTrainerConfig,
  InferenceLaunchBody,
  JobIdBody,
  MidCheckpointBody,
  MidInitializeBody,
  MidStepBody,
} from "./arbor_bodies.ts";
import type { Schema } from "./chat.ts";

/** The Arbor wire dialects: `2025.11` (HEAD, job ids, pull-style) and `2025.06` (push-style). */
export type ArborDialect = "2025.11" | "2025.06";

/** Both dialects. */
export const ARBOR_DIALECTS: readonly ArborDialect[] = ["2025.11", "2025.06"];

/** `ArborGRPOConfigRequest`: every field optional; only fields sent are applied. */
export const headTrainerConfigSchema: Schema<HeadTrainerConfig> = z.strictObject({
  temperature: z.number().nullish(),
  beta: z.number().nullish(),
  num_generations: z.int().nullish(),
  per_device_train_batch_size: z.int().nullish(),
  learning_rate: z.number().nullish(),
  gradient_accumulation_steps: z.int().nullish(),
  gradient_checkpointing: z.boolean().nullish(),
  lr_scheduler_type: z.string().nullish(),
  max_prompt_length: z.int().nullish(),
  max_completion_length: z.int().nullish(),
  soft_completion_penalty_length: z.int().nullish(),
  gradient_checkpointing_kwargs: z.record(z.string(), z.unknown()).nullish(),
  bf16: z.boolean().nullish(),
  scale_rewards: z.boolean().nullish(),
  max_grad_norm: z.number().nullish(),
  report_to: z.union([z.string(), z.array(z.string())]).nullish(),
  log_completions: z.boolean().nullish(),
  logging_steps: z.number().nullish(),
  generation_batch_size: z.int().nullish(),
  mask_truncated_completions: z.boolean().nullish(),
  async_generation_timeout: z.number().nullish(),
  max_seq_len: z.int().nullish(),
  lora_config: z.strictObject({
    r: z.int(),
    lora_alpha: z.int(),
    target_modules: z.array(z.string()),
    lora_dropout: z.number(),
  }).nullish(),
  max_steps: z.int().nullish(),
  warmup_steps: z.int().nullish(),
  loss_type: z.enum(["grpo", "bnpo", "dr_grpo", "dapo"]).nullish(),
  num_training_gpus: z.int().nullish(),
  weight_decay: z.number().nullish(),
});

/** `InferenceLaunchRequest`. */
export const inferenceLaunchSchema: Schema<InferenceLaunchBody> = z.strictObject({
  model: z.string(),
  max_seq_len: z.int().nullish(),
  num_gpus: z.int().default(1),
  owner: z.strictObject({ type: z.literal("grpo"), job_id: z.string() }).nullish(),
  log_file_path: z.string().nullish(),
});

/** `gpu_config`. */
export const gpuConfigSchema: Schema<GpuConfigBody> = z.strictObject({
  type: z.literal("multi"),
  multi: z.strictObject({ num_inference_gpus: z.int(), num_training_gpus: z.int() }),
});

/** Body of `POST /v1/fine_tuning/grpo/initialize`. */
export const headInitializeSchema: Schema<HeadInitializeBody> = z.strictObject({
  run_name: z.string().nullish(),
  model: z.string(),
  trainer_config: headTrainerConfigSchema,
  inference_config: inferenceLaunchSchema,
  gpu_config: gpuConfigSchema.nullish(),
});

/** Body of `status`, `cancel` and `terminate`. */
export const jobIdSchema: Schema<JobIdBody> = z.strictObject({ job_id: z.string() });

/** Body of `POST /v1/fine_tuning/grpo/step` (batch items are checked once the batch is flat). */
export const headStepSchema: Schema<HeadStepBody> = z.strictObject({
  job_id: z.string(),
  model: z.string(),
  batch_id: z.int().nullish(),
  batch: z.array(z.unknown()),
  metrics: z.record(z.string(), z.unknown()).nullish(),
});

/** Body of `POST /v1/fine_tuning/grpo/checkpoint`. */
export const headCheckpointSchema: Schema<HeadCheckpointBody> = z.strictObject({
  job_id: z.string(),
  checkpoint_name: z.string().min(1),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});

/** `GRPOConfigRequest` (flat; every field optional except `model`). */
export const midInitializeSchema: Schema<MidInitializeBody> = z.looseObject({
  model: z.string(),
  temperature: z.number().nullish(),
  beta: z.number().nullish(),
  num_iterations: z.int().nullish(),
  num_generations: z.int().nullish(),
  per_device_train_batch_size: z.int().nullish(),
  learning_rate: z.number().nullish(),
  gradient_accumulation_steps: z.int().nullish(),
  gradient_checkpointing: z.boolean().nullish(),
  lr_scheduler_type: z.string().nullish(),
  max_prompt_length: z.int().nullish(),
  max_completion_length: z.int().nullish(),
  gradient_checkpointing_kwargs: z.record(z.string(), z.unknown()).nullish(),
  bf16: z.boolean().nullish(),
  scale_rewards: z.boolean().nullish(),
  max_grad_norm: z.number().nullish(),
  report_to: z.union([z.string(), z.array(z.string())]).nullish(),
  log_completions: z.boolean().nullish(),
  logging_steps: z.number().nullish(),
  generation_batch_size: z.int().nullish(),
  mask_truncated_completions: z.boolean().nullish(),
  max_context_length: z.int().nullish(),
  lora: z.boolean().nullish(),
  suffix: z.string().nullish(),
  grpo_flavor: z.string().nullish(),
  wandb_kwargs: z.record(z.string(), z.unknown()).nullish(),
});

/** Body of the mid-2025 push-style `step`. */
export const midStepSchema: Schema<MidStepBody> = z.looseObject({
  model: z.string(),
  batch: z.array(z.unknown()),
});

/** Body of the mid-2025 `checkpoint`. */
export const midCheckpointSchema: Schema<MidCheckpointBody> = z.looseObject({
  checkpoint_name: z.string().min(1),
});
