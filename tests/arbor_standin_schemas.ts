/**
 * Request schemas of the strict Arbor stand-in, written from Arbor's pydantic models
 * (arbor-protocol.md §2.2, §2.3): HEAD models forbid unknown fields; the mid-2025
 * `GRPOConfigRequest` is checked field by field and, in strict mode, unknown fields are
 * rejected too (real mid-2025 Arbor ignores them silently, so a stray field there would be a
 * setting that never reaches the trainer).
 *
 * @module
 */

import { z } from "../lib/deps.ts";

const int = () => z.int();
const num = () => z.number();

/** HEAD `ArborGRPOConfigRequest` (every field optional, `extra="forbid"`). */
export const headTrainerConfig = z.strictObject({
  temperature: num().nullish(),
  beta: num().nullish(),
  num_generations: int().nullish(),
  per_device_train_batch_size: int().nullish(),
  learning_rate: num().nullish(),
  gradient_accumulation_steps: int().nullish(),
  gradient_checkpointing: z.boolean().nullish(),
  lr_scheduler_type: z.string().nullish(),
  max_prompt_length: int().nullish(),
  max_completion_length: int().nullish(),
  soft_completion_penalty_length: int().nullish(),
  gradient_checkpointing_kwargs: z.record(z.string(), z.unknown()).nullish(),
  bf16: z.boolean().nullish(),
  scale_rewards: z.boolean().nullish(),
  max_grad_norm: num().nullish(),
  report_to: z.string().nullish(),
  log_completions: z.boolean().nullish(),
  logging_steps: int().nullish(),
  generation_batch_size: int().nullish(),
  mask_truncated_completions: z.boolean().nullish(),
  async_generation_timeout: num().nullish(),
  max_seq_len: int().nullish(),
  lora_config: z.strictObject({
    r: int(),
    lora_alpha: int(),
    target_modules: z.array(z.string()),
    lora_dropout: num(),
  }).nullish(),
  max_steps: int().nullish(),
  warmup_steps: int().nullish(),
  loss_type: z.enum(["grpo", "bnpo", "dr_grpo", "dapo"]).nullish(),
  num_training_gpus: int().nullish(),
  weight_decay: num().nullish(),
});

/** HEAD `InferenceLaunchRequest`. */
export const headInferenceConfig = z.strictObject({
  model: z.string(),
  max_seq_len: int().nullish(),
  num_gpus: int().optional(),
  owner: z.strictObject({ type: z.literal("grpo"), job_id: z.string() }).nullish(),
  log_file_path: z.string().nullish(),
});

/** HEAD initialize body. */
export const headInitialize = z.strictObject({
  run_name: z.string().nullish(),
  model: z.string(),
  trainer_config: headTrainerConfig,
  inference_config: headInferenceConfig,
  gpu_config: z.strictObject({
    type: z.literal("multi"),
    multi: z.strictObject({ num_inference_gpus: int(), num_training_gpus: int() }),
  }).nullish(),
});

/** HEAD `{job_id}` bodies (status, terminate, cancel). */
export const headJobId = z.strictObject({ job_id: z.string() });

/** HEAD step body. */
export const headStep = z.strictObject({
  job_id: z.string(),
  model: z.string(),
  batch_id: int().nullish(),
  batch: z.array(z.unknown()),
  metrics: z.record(z.string(), z.unknown()).nullish(),
});

/** HEAD checkpoint body. */
export const headCheckpoint = z.strictObject({
  job_id: z.string(),
  checkpoint_name: z.string(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});

const midFields = {
  model: z.string(),
  temperature: num().nullish(),
  beta: num().nullish(),
  num_iterations: int().nullish(),
  num_generations: int().nullish(),
  per_device_train_batch_size: int().nullish(),
  learning_rate: num().nullish(),
  gradient_accumulation_steps: int().nullish(),
  gradient_checkpointing: z.boolean().nullish(),
  lr_scheduler_type: z.string().nullish(),
  max_prompt_length: int().nullish(),
  max_completion_length: int().nullish(),
  gradient_checkpointing_kwargs: z.record(z.string(), z.unknown()).nullish(),
  bf16: z.boolean().nullish(),
  scale_rewards: z.boolean().nullish(),
  max_grad_norm: num().nullish(),
  report_to: z.string().nullish(),
  log_completions: z.boolean().nullish(),
  logging_steps: int().nullish(),
  generation_batch_size: int().nullish(),
  mask_truncated_completions: z.boolean().nullish(),
  max_context_length: int().nullish(),
  lora: z.boolean().nullish(),
  suffix: z.string().nullish(),
};

/** Mid-2025 `GRPOConfigRequest`, rejecting unknown fields (strict stand-in mode). */
export const midInitializeStrict = z.strictObject(midFields);
/** Mid-2025 `GRPOConfigRequest` as Arbor 0.2.1 parses it (unknown fields ignored). */
export const midInitializeLoose = z.looseObject(midFields);
/** Mid-2025 step body. */
export const midStep = z.strictObject({ model: z.string(), batch: z.array(z.unknown()) });
/** Mid-2025 checkpoint body. */
export const midCheckpoint = z.strictObject({ checkpoint_name: z.string() });

const message = z.strictObject({
  role: z.enum(["system", "user", "assistant"]),
  content: z.string(),
});

/** One GRPO item as Arbor's batch validator checks it. */
export const groupItem = z.strictObject({
  messages: z.array(message).min(1),
  completion: z.strictObject({ role: z.literal("assistant"), content: z.string() }),
  reward: z.number(),
});

/** A chat completion request (OpenAI fields beyond these are ignored, as vLLM does). */
export const chatRequest = z.looseObject({ model: z.string(), messages: z.array(message).min(1) });

/** One FastAPI 422 `detail` entry. */
export interface ValidationDetail {
  /** Error type, e.g. `extra_forbidden`. */
  type: string;
  /** Location, starting with `"body"`. */
  loc: (string | number)[];
  /** Human message. */
  msg: string;
}

/** Converts zod issues to FastAPI-style 422 `detail` entries (unknown keys → `extra_forbidden`). */
export function validationDetails(error: z.ZodError): ValidationDetail[] {
  const out: ValidationDetail[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        out.push({
          type: "extra_forbidden",
          loc: ["body", ...path, key],
          msg: "Extra inputs are not permitted",
        });
      }
    } else out.push({ type: issue.code, loc: ["body", ...path], msg: issue.message });
  }
  return out;
}
