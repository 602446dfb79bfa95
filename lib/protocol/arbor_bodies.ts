/**
 * The parsed request bodies of the two Arbor dialects' GRPO routes: what the schemas of
 * `arbor_schemas.ts` produce (field names as on the wire).
 *
 * @module
 */

/** LoRA settings of a HEAD trainer config. */
export interface HeadLoraConfig {
  /** Rank. */
  r: number;
  /** Scaling alpha. */
  lora_alpha: number;
  /** Module names the adapters wrap. */
  target_modules: string[];
  /** Dropout. */
  lora_dropout: number;
}

/** A parsed HEAD trainer config (`ArborGRPOConfigRequest`): only the fields sent are set. */
export interface HeadTrainerConfig {
  /** Sampling temperature. */
  temperature?: number | null;
  /** KL weight β. */
  beta?: number | null;
  /** Rollouts per prompt. */
  num_generations?: number | null;
  /** Batch size per device. */
  per_device_train_batch_size?: number | null;
  /** Learning rate. */
  learning_rate?: number | null;
  /** Groups per optimizer step. */
  gradient_accumulation_steps?: number | null;
  /** Gradient checkpointing. */
  gradient_checkpointing?: boolean | null;
  /** Learning-rate schedule. */
  lr_scheduler_type?: string | null;
  /** Prompt length limit. */
  max_prompt_length?: number | null;
  /** Completion length limit. */
  max_completion_length?: number | null;
  /** Soft completion-length penalty. */
  soft_completion_penalty_length?: number | null;
  /** Gradient checkpointing options. */
  gradient_checkpointing_kwargs?: Record<string, unknown> | null;
  /** bf16 training. */
  bf16?: boolean | null;
  /** Divide advantages by the group's standard deviation. */
  scale_rewards?: boolean | null;
  /** Gradient clipping norm. */
  max_grad_norm?: number | null;
  /** Logging integrations. */
  report_to?: string | string[] | null;
  /** Log completions. */
  log_completions?: boolean | null;
  /** Logging interval. */
  logging_steps?: number | null;
  /** Generation batch size. */
  generation_batch_size?: number | null;
  /** Mask truncated completions. */
  mask_truncated_completions?: boolean | null;
  /** Timeout of asynchronous generation, seconds. */
  async_generation_timeout?: number | null;
  /** Sequence length limit. */
  max_seq_len?: number | null;
  /** LoRA adapters. */
  lora_config?: HeadLoraConfig | null;
  /** Training steps. */
  max_steps?: number | null;
  /** Warm-up steps. */
  warmup_steps?: number | null;
  /** GRPO loss variant. */
  loss_type?: "grpo" | "bnpo" | "dr_grpo" | "dapo" | null;
  /** GPUs that train. */
  num_training_gpus?: number | null;
  /** Weight decay. */
  weight_decay?: number | null;
}

/** A parsed `InferenceLaunchRequest`. */
export interface InferenceLaunchBody {
  /** The model to serve. */
  model: string;
  /** Sequence length limit. */
  max_seq_len?: number | null;
  /** GPUs that serve (default 1). */
  num_gpus: number;
  /** The job that owns the inference server. */
  owner?: { type: "grpo"; job_id: string } | null;
  /** Log file of the inference server. */
  log_file_path?: string | null;
}

/** A parsed `gpu_config`. */
export interface GpuConfigBody {
  /** The layout kind. */
  type: "multi";
  /** GPUs for inference and for training. */
  multi: { num_inference_gpus: number; num_training_gpus: number };
}

/** A parsed HEAD initialize body. */
export interface HeadInitializeBody {
  /** A name for the run. */
  run_name?: string | null;
  /** The model to fine-tune. */
  model: string;
  /** The trainer settings. */
  trainer_config: HeadTrainerConfig;
  /** The inference server to launch. */
  inference_config: InferenceLaunchBody;
  /** The GPU layout. */
  gpu_config?: GpuConfigBody | null;
}

/** A parsed body of `status`, `cancel` and `terminate`. */
export interface JobIdBody {
  /** The job. */
  job_id: string;
}

/** A parsed HEAD `step` body (batch items are checked once the batch is known to be flat). */
export interface HeadStepBody {
  /** The job. */
  job_id: string;
  /** The model the batch was sampled from. */
  model: string;
  /** The batch's id. */
  batch_id?: number | null;
  /** The groups (or items), not yet validated. */
  batch: unknown[];
  /** Client-side metrics of the batch. */
  metrics?: Record<string, unknown> | null;
}

/** A parsed HEAD `checkpoint` body. */
export interface HeadCheckpointBody {
  /** The job. */
  job_id: string;
  /** The checkpoint's name (non-empty). */
  checkpoint_name: string;
  /** Metadata stored with it. */
  metadata?: Record<string, unknown> | null;
}

/** A parsed mid-2025 initialize body (`GRPOConfigRequest`; unknown fields are kept). */
export interface MidInitializeBody {
  /** The model to fine-tune. */
  model: string;
  /** Sampling temperature. */
  temperature?: number | null;
  /** KL weight β. */
  beta?: number | null;
  /** Optimisation passes per batch. */
  num_iterations?: number | null;
  /** Rollouts per prompt. */
  num_generations?: number | null;
  /** Batch size per device. */
  per_device_train_batch_size?: number | null;
  /** Learning rate. */
  learning_rate?: number | null;
  /** Groups per optimizer step. */
  gradient_accumulation_steps?: number | null;
  /** Gradient checkpointing. */
  gradient_checkpointing?: boolean | null;
  /** Learning-rate schedule. */
  lr_scheduler_type?: string | null;
  /** Prompt length limit. */
  max_prompt_length?: number | null;
  /** Completion length limit. */
  max_completion_length?: number | null;
  /** Gradient checkpointing options. */
  gradient_checkpointing_kwargs?: Record<string, unknown> | null;
  /** bf16 training. */
  bf16?: boolean | null;
  /** Divide advantages by the group's standard deviation. */
  scale_rewards?: boolean | null;
  /** Gradient clipping norm. */
  max_grad_norm?: number | null;
  /** Logging integrations. */
  report_to?: string | string[] | null;
  /** Log completions. */
  log_completions?: boolean | null;
  /** Logging interval. */
  logging_steps?: number | null;
  /** Generation batch size. */
  generation_batch_size?: number | null;
  /** Mask truncated completions. */
  mask_truncated_completions?: boolean | null;
  /** Context length limit. */
  max_context_length?: number | null;
  /** LoRA on or off. */
  lora?: boolean | null;
  /** Suffix of the fine-tuned model's name. */
  suffix?: string | null;
  /** GRPO variant. */
  grpo_flavor?: string | null;
  /** Weights & Biases options. */
  wandb_kwargs?: Record<string, unknown> | null;
  /** Unknown fields (ignored, reported back). */
  [key: string]: unknown;
}

/** A parsed mid-2025 `step` body. */
export interface MidStepBody {
  /** The model the batch was sampled from. */
  model: string;
  /** The groups (or items), not yet validated. */
  batch: unknown[];
  /** Unknown fields (ignored). */
  [key: string]: unknown;
}

/** A parsed mid-2025 `checkpoint` body. */
export interface MidCheckpointBody {
  /** The checkpoint's name (non-empty). */
  checkpoint_name: string;
  /** Unknown fields (ignored). */
  [key: string]: unknown;
}
