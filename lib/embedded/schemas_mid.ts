/**
 * Request schemas of the 2025.06 (mid-2025) dialect. Like pydantic's default they ignore unknown
 * fields (the server reports them back as ignored) but check the types of known ones.
 *
 * @module
 */

import { z } from "zod";

/** `GRPOConfigRequest` (flat; every field optional except `model`). */
export const midInitializeSchema = z.looseObject({
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

/** A parsed mid-2025 initialize body. */
export type MidInitializeBody = z.output<typeof midInitializeSchema>;

/** Body of the mid-2025 push-style `step`. */
export const midStepSchema = z.looseObject({
  model: z.string(),
  batch: z.array(z.unknown()),
});

/** Body of the mid-2025 `checkpoint`. */
export const midCheckpointSchema = z.looseObject({ checkpoint_name: z.string().min(1) });
