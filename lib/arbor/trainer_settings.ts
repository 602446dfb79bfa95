/**
 * The GRPO trainer settings memgrpo sends to Arbor's `initialize`, with the seed guide's values
 * as defaults, resolved and checked once.
 *
 * @module
 */

import { arborModelName } from "../protocol/model_name.ts";

/** LoRA adapter settings (HEAD `lora_config`). */
export interface LoraSettings {
  /** Rank. Default (seed): 64. */
  r: number;
  /** Scaling alpha. Default (seed): 16. */
  alpha: number;
  /** Dropout. Default: 0.05 (Arbor's fixed mid-2025 value). */
  dropout: number;
  /** Module names to adapt. Default: q/k/v/o/gate/up/down projections. */
  targetModules: string[];
}

/** Default LoRA target modules (those of Arbor's fixed mid-2025 LoRA config). */
export const DEFAULT_LORA_TARGET_MODULES: readonly string[] = [
  "q_proj",
  "k_proj",
  "v_proj",
  "o_proj",
  "gate_proj",
  "up_proj",
  "down_proj",
];

/** Arbor HEAD's loss aggregations. */
export type GrpoLossType = "grpo" | "bnpo" | "dr_grpo" | "dapo";

/** Options of {@link resolveTrainerSettings}; only `model` is required. */
export interface TrainerSettingsOptions {
  /** Model to fine-tune (prefixes such as `openai/arbor:` are stripped). Required. */
  model: string;
  /** Group size G (rollouts per example). Default: 8. */
  numGenerations?: number;
  /** Sampling temperature of rollouts and of the trainer. Default: 0.9 (DSPy mid-2025). */
  temperature?: number;
  /** Optimizer steps the trainer runs (HEAD `max_steps`). Default: 500 (seed `--num-train-steps`). */
  maxSteps?: number;
  /** Per-device batch size. Default (seed): 2. */
  perDeviceTrainBatchSize?: number;
  /** Gradient accumulation steps. Default (seed): 4. */
  gradientAccumulationSteps?: number;
  /** Learning rate. Default (seed): 2e-5. */
  learningRate?: number;
  /** LR scheduler. Default (seed): `"constant_with_warmup"`. */
  lrSchedulerType?: string;
  /** Warm-up steps (HEAD only; mid-2025 does not accept it). Default: 10 (DSPy). */
  warmupSteps?: number;
  /** KL penalty β. Default (seed): 0.04. */
  beta?: number;
  /** LoRA settings, or `null` for full fine-tuning. Default (seed): r 64, α 16. */
  lora?: Partial<LoraSettings> | null;
  /** bfloat16 training. Default (seed): `true`. */
  bf16?: boolean;
  /** Max prompt tokens. Default (seed): 4096. */
  maxPromptLength?: number;
  /** Max completion tokens. Default (seed): 512. */
  maxCompletionLength?: number;
  /** Max sequence length of vLLM and trainer. Default: prompt + completion (4608). */
  maxSeqLen?: number | null;
  /** Gradient checkpointing. Default: `true` (DSPy). */
  gradientCheckpointing?: boolean;
  /** Divide advantages by the group's σ. Default: `true` (DSPy). */
  scaleRewards?: boolean;
  /** Gradient clipping norm. Default: 1.0. */
  maxGradNorm?: number;
  /** HEAD loss aggregation. Default: `"dapo"` (Arbor's DSPy client). */
  lossType?: GrpoLossType;
  /** Trainer logging period, steps. Default: 10. */
  loggingSteps?: number;
  /** Log completions in the trainer. Default: `true`. */
  logCompletions?: boolean;
  /** GPUs for vLLM. Default (seed `--inference-gpus 0`): 1. */
  numInferenceGpus?: number;
  /** GPUs for the trainer. Default (seed `--training-gpus 1,2`): 2. */
  numTrainingGpus?: number;
  /**
   * Run name: HEAD `run_name` (part of the job id; a name reused on the same day overwrites the
   * earlier job, so by default none is sent and Arbor picks a random slug), mid-2025 `suffix`
   * (`"memgrpo"` when `null`). Default: `null`.
   */
  runName?: string | null;
}

/** {@link TrainerSettingsOptions} with every default filled in and checked. */
export interface TrainerSettings {
  /** Model name with Arbor's prefixes stripped. */
  model: string;
  /** See {@link TrainerSettingsOptions.numGenerations}. */
  numGenerations: number;
  /** See {@link TrainerSettingsOptions.temperature}. */
  temperature: number;
  /** See {@link TrainerSettingsOptions.maxSteps}. */
  maxSteps: number;
  /** See {@link TrainerSettingsOptions.perDeviceTrainBatchSize}. */
  perDeviceTrainBatchSize: number;
  /** See {@link TrainerSettingsOptions.gradientAccumulationSteps}. */
  gradientAccumulationSteps: number;
  /** See {@link TrainerSettingsOptions.learningRate}. */
  learningRate: number;
  /** See {@link TrainerSettingsOptions.lrSchedulerType}. */
  lrSchedulerType: string;
  /** See {@link TrainerSettingsOptions.warmupSteps}. */
  warmupSteps: number;
  /** See {@link TrainerSettingsOptions.beta}. */
  beta: number;
  /** See {@link TrainerSettingsOptions.lora}. */
  lora: LoraSettings | null;
  /** See {@link TrainerSettingsOptions.bf16}. */
  bf16: boolean;
  /** See {@link TrainerSettingsOptions.maxPromptLength}. */
  maxPromptLength: number;
  /** See {@link TrainerSettingsOptions.maxCompletionLength}. */
  maxCompletionLength: number;
  /** See {@link TrainerSettingsOptions.maxSeqLen} (resolved to a number). */
  maxSeqLen: number;
  /** See {@link TrainerSettingsOptions.gradientCheckpointing}. */
  gradientCheckpointing: boolean;
  /** See {@link TrainerSettingsOptions.scaleRewards}. */
  scaleRewards: boolean;
  /** See {@link TrainerSettingsOptions.maxGradNorm}. */
  maxGradNorm: number;
  /** See {@link TrainerSettingsOptions.lossType}. */
  lossType: GrpoLossType;
  /** See {@link TrainerSettingsOptions.loggingSteps}. */
  loggingSteps: number;
  /** See {@link TrainerSettingsOptions.logCompletions}. */
  logCompletions: boolean;
  /** See {@link TrainerSettingsOptions.numInferenceGpus}. */
  numInferenceGpus: number;
  /** See {@link TrainerSettingsOptions.numTrainingGpus}. */
  numTrainingGpus: number;
  /** See {@link TrainerSettingsOptions.runName}. */
  runName: string | null;
}

const LOSS_TYPES: readonly GrpoLossType[] = ["grpo", "bnpo", "dr_grpo", "dapo"];

function positiveInt(name: string, value: number, min = 1): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer ≥ ${min}; got ${value}`);
  }
  return value;
}

function finite(name: string, value: number, min: number, exclusive = false): number {
  if (!Number.isFinite(value) || value < min || (exclusive && value === min)) {
    throw new RangeError(`${name} must be a number ${exclusive ? ">" : "≥"} ${min}; got ${value}`);
  }
  return value;
}

function resolveLora(lora: Partial<LoraSettings> | null | undefined): LoraSettings | null {
  if (lora === null) return null;
  const targetModules = [...(lora?.targetModules ?? DEFAULT_LORA_TARGET_MODULES)];
  if (targetModules.length === 0 || targetModules.some((m) => typeof m !== "string" || !m)) {
    throw new RangeError(`lora.targetModules must be non-empty names; got ${targetModules}`);
  }
  return {
    r: positiveInt("lora.r", lora?.r ?? 64),
    alpha: positiveInt("lora.alpha", lora?.alpha ?? 16),
    dropout: finite("lora.dropout", lora?.dropout ?? 0.05, 0),
    targetModules,
  };
}

/**
 * Fills in the seed guide's defaults and checks every value, including the batch rule both
 * trainers enforce at start-up (a real Arbor hangs in `initialize` when it fails):
 * `per_device_train_batch_size × training GPUs × gradient_accumulation_steps` must be a
 * multiple of `numGenerations`, and `numGenerations ≥ 2`.
 *
 * @throws {RangeError} for an out-of-range value, naming it and its value.
 * @throws {TypeError} for an empty model name.
 */
export function resolveTrainerSettings(options: TrainerSettingsOptions): TrainerSettings {
  const maxPromptLength = positiveInt("maxPromptLength", options.maxPromptLength ?? 4096);
  const maxCompletionLength = positiveInt(
    "maxCompletionLength",
    options.maxCompletionLength ?? 512,
  );
  const lossType = options.lossType ?? "dapo";
  if (!LOSS_TYPES.includes(lossType)) {
    throw new RangeError(`lossType must be one of ${LOSS_TYPES.join(", ")}; got ${lossType}`);
  }
  const settings: TrainerSettings = {
    model: arborModelName(options.model),
    numGenerations: positiveInt("numGenerations", options.numGenerations ?? 8, 2),
    temperature: finite("temperature", options.temperature ?? 0.9, 0, true),
    maxSteps: positiveInt("maxSteps", options.maxSteps ?? 500),
    perDeviceTrainBatchSize: positiveInt(
      "perDeviceTrainBatchSize",
      options.perDeviceTrainBatchSize ?? 2,
    ),
    gradientAccumulationSteps: positiveInt(
      "gradientAccumulationSteps",
      options.gradientAccumulationSteps ?? 4,
    ),
    learningRate: finite("learningRate", options.learningRate ?? 2e-5, 0, true),
    lrSchedulerType: options.lrSchedulerType ?? "constant_with_warmup",
    warmupSteps: positiveInt("warmupSteps", options.warmupSteps ?? 10, 0),
    beta: finite("beta", options.beta ?? 0.04, 0),
    lora: resolveLora(options.lora),
    bf16: options.bf16 ?? true,
    maxPromptLength,
    maxCompletionLength,
    maxSeqLen: positiveInt("maxSeqLen", options.maxSeqLen ?? maxPromptLength + maxCompletionLength),
    gradientCheckpointing: options.gradientCheckpointing ?? true,
    scaleRewards: options.scaleRewards ?? true,
    maxGradNorm: finite("maxGradNorm", options.maxGradNorm ?? 1.0, 0, true),
    lossType,
    loggingSteps: positiveInt("loggingSteps", options.loggingSteps ?? 10),
    logCompletions: options.logCompletions ?? true,
    numInferenceGpus: positiveInt("numInferenceGpus", options.numInferenceGpus ?? 1),
    numTrainingGpus: positiveInt("numTrainingGpus", options.numTrainingGpus ?? 2),
    runName: options.runName ?? null,
  };
  if (settings.runName !== null && !/^[A-Za-z0-9._-]+$/.test(settings.runName)) {
    throw new RangeError(
      `runName must be letters, digits, ".", "_" or "-" (it becomes part of a path); ` +
        `got ${JSON.stringify(settings.runName)}`,
    );
  }
  const generationBatch = settings.perDeviceTrainBatchSize * settings.numTrainingGpus *
    settings.gradientAccumulationSteps;
  if (generationBatch % settings.numGenerations !== 0) {
    throw new RangeError(
      `numGenerations ${settings.numGenerations} must divide per-device batch ` +
        `${settings.perDeviceTrainBatchSize} × training GPUs ${settings.numTrainingGpus} × ` +
        `gradient accumulation ${settings.gradientAccumulationSteps} = ${generationBatch}; ` +
        "Arbor's trainer refuses other sizes and initialize would hang",
    );
  }
  return settings;
}
