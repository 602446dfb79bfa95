/**
 * The GRPO trainer settings the Arbor client sends in `initialize`: the shape only. The caller
 * (memgrpo's GRPO run builds them from its settings table) fills in and checks every value;
 * `initialize_body.ts` maps each field to the dialect's wire name.
 *
 * @module
 */

/** LoRA adapter settings (HEAD `lora_config`). */
export interface LoraSettings {
  /** Rank (`r`). */
  r: number;
  /** Scaling alpha (`lora_alpha`). */
  alpha: number;
  /** Dropout (`lora_dropout`). */
  dropout: number;
  /** Module names to adapt (`target_modules`). */
  targetModules: string[];
}

/** Arbor HEAD's loss aggregations. */
export type GrpoLossType = "grpo" | "bnpo" | "dr_grpo" | "dapo";

/** The resolved trainer settings of one `initialize` (wire names in `initialize_body.ts`). */
export interface TrainerSettings {
  /** Model name with Arbor's prefixes stripped. */
  model: string;
  /** Group size G (rollouts per example). */
  numGenerations: number;
  /** Sampling temperature of rollouts and of the trainer. */
  temperature: number;
  /** Optimizer steps the trainer runs (HEAD `max_steps`). */
  maxSteps: number;
  /** Per-device batch size. */
  perDeviceTrainBatchSize: number;
  /** Gradient accumulation steps. */
  gradientAccumulationSteps: number;
  /** Learning rate. */
  learningRate: number;
  /** LR scheduler, e.g. `"constant_with_warmup"`. */
  lrSchedulerType: string;
  /** Warm-up steps (HEAD only; mid-2025 does not accept it). */
  warmupSteps: number;
  /** KL penalty β. */
  beta: number;
  /** LoRA settings, or `null` for full fine-tuning. */
  lora: LoraSettings | null;
  /** bfloat16 training. */
  bf16: boolean;
  /** Max prompt tokens. */
  maxPromptLength: number;
  /** Max completion tokens. */
  maxCompletionLength: number;
  /** Max sequence length of vLLM and trainer (prompt + completion). */
  maxSeqLen: number;
  /** Gradient checkpointing. */
  gradientCheckpointing: boolean;
  /** Divide advantages by the group's σ. */
  scaleRewards: boolean;
  /** Gradient clipping norm. */
  maxGradNorm: number;
  /** HEAD loss aggregation. */
  lossType: GrpoLossType;
  /** Trainer logging period, steps. */
  loggingSteps: number;
  /** Log completions in the trainer. */
  logCompletions: boolean;
  /** GPUs for vLLM. */
  numInferenceGpus: number;
  /** GPUs for the trainer. */
  numTrainingGpus: number;
  /**
   * Run name: HEAD `run_name` (part of the job id; a name reused on the same day overwrites the
   * earlier job, so usually `null` and Arbor picks a random slug), mid-2025 `suffix`
   * (`"memgrpo"` when `null`).
   */
  runName: string | null;
}
