/**
 * The `initialize` request bodies of both Arbor dialects, built from {@link TrainerSettings}.
 * Only fields the dialect's server schema knows are sent: Arbor HEAD (2025.11) rejects any
 * unknown field with 422 (`extra="forbid"`); mid-2025 (2025.06) silently ignores them, so an
 * unknown field there would be a setting that never reaches the trainer.
 *
 * @module
 */

import type { TrainerSettings } from "./trainer_settings.ts";

/** A JSON request body. */
export type JsonBody = Record<string, unknown>;

/**
 * The nested 2025.11 body `{run_name?, model, trainer_config, inference_config, gpu_config}`.
 * `max_seq_len` is always sent (in `trainer_config` and `inference_config`): without it a real
 * trainer raises at start-up and `initialize` never returns. LoRA goes as
 * `lora_config {r, lora_alpha, target_modules, lora_dropout}`.
 *
 * @throws {RangeError} when `numGenerations < numTrainingGpus × gradientAccumulationSteps`
 *   (HEAD's trainer refuses that and `initialize` would hang).
 */
export function headInitializeBody(settings: TrainerSettings): JsonBody {
  const worldTimesAccum = settings.numTrainingGpus * settings.gradientAccumulationSteps;
  if (settings.numGenerations < worldTimesAccum) {
    throw new RangeError(
      `numGenerations ${settings.numGenerations} must be ≥ training GPUs ` +
        `${settings.numTrainingGpus} × gradient accumulation ` +
        `${settings.gradientAccumulationSteps} = ${worldTimesAccum} for Arbor 2025.11`,
    );
  }
  const trainerConfig: JsonBody = {
    temperature: settings.temperature,
    beta: settings.beta,
    num_generations: settings.numGenerations,
    per_device_train_batch_size: settings.perDeviceTrainBatchSize,
    learning_rate: settings.learningRate,
    gradient_accumulation_steps: settings.gradientAccumulationSteps,
    gradient_checkpointing: settings.gradientCheckpointing,
    lr_scheduler_type: settings.lrSchedulerType,
    warmup_steps: settings.warmupSteps,
    max_prompt_length: settings.maxPromptLength,
    max_completion_length: settings.maxCompletionLength,
    max_seq_len: settings.maxSeqLen,
    bf16: settings.bf16,
    scale_rewards: settings.scaleRewards,
    max_grad_norm: settings.maxGradNorm,
    report_to: "none",
    log_completions: settings.logCompletions,
    logging_steps: settings.loggingSteps,
    max_steps: settings.maxSteps,
    loss_type: settings.lossType,
    num_training_gpus: settings.numTrainingGpus,
  };
  if (settings.lora !== null) {
    trainerConfig.lora_config = {
      r: settings.lora.r,
      lora_alpha: settings.lora.alpha,
      target_modules: [...settings.lora.targetModules],
      lora_dropout: settings.lora.dropout,
    };
  }
  const body: JsonBody = {
    model: settings.model,
    trainer_config: trainerConfig,
    inference_config: {
      model: settings.model,
      max_seq_len: settings.maxSeqLen,
      num_gpus: settings.numInferenceGpus,
    },
    gpu_config: {
      type: "multi",
      multi: {
        num_inference_gpus: settings.numInferenceGpus,
        num_training_gpus: settings.numTrainingGpus,
      },
    },
  };
  if (settings.runName !== null) body.run_name = settings.runName;
  return body;
}

/**
 * The flat, TRL-style 2025.06 `GRPOConfigRequest`. Differences from HEAD, forced by that
 * server's schema: the sequence limit is `max_context_length` (vLLM `--max_model_len`); LoRA is
 * only `lora: true` — mid-2025 Arbor then applies its own fixed LoRA (r = 16, alpha = 64,
 * dropout 0.05) whatever `settings.lora` says; `max_steps`, `warmup_steps` and `loss_type` are
 * not accepted (the client decides how many steps to push; TRL's default 0 warm-up steps apply,
 * so `constant_with_warmup` behaves as constant); the run name is `suffix`. GPU counts come from
 * the server's `arbor.yaml`.
 */
export function midInitializeBody(settings: TrainerSettings): JsonBody {
  return {
    model: settings.model,
    suffix: settings.runName ?? "memgrpo",
    temperature: settings.temperature,
    beta: settings.beta,
    num_iterations: 1,
    num_generations: settings.numGenerations,
    per_device_train_batch_size: settings.perDeviceTrainBatchSize,
    learning_rate: settings.learningRate,
    gradient_accumulation_steps: settings.gradientAccumulationSteps,
    gradient_checkpointing: settings.gradientCheckpointing,
    lr_scheduler_type: settings.lrSchedulerType,
    max_prompt_length: settings.maxPromptLength,
    max_completion_length: settings.maxCompletionLength,
    max_context_length: settings.maxSeqLen,
    bf16: settings.bf16,
    scale_rewards: settings.scaleRewards,
    max_grad_norm: settings.maxGradNorm,
    report_to: "none",
    log_completions: settings.logCompletions,
    logging_steps: settings.loggingSteps,
    lora: settings.lora !== null,
  };
}
