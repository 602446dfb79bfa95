/**
 * The configuration of a GRPO training run (the seed guide's defaults plus backend, judge and
 * memory options), resolved once. The train CLI, the demo and the notebooks all use it.
 *
 * @module
 */

/** A fully resolved training configuration. */
export interface TrainConfig {
  /** Training examples (a seeded, stratified sample of the train split). */
  numTrain: number;
  /** Validation examples (a fixed, seeded, stratified sample of the val split). */
  numVal: number;
  /** GRPO steps. */
  numTrainSteps: number;
  /** The policy model to fine-tune. */
  model: string;
  /** GPU ids for inference (arbor.yaml). */
  inferenceGpus: string;
  /** GPU ids for training (arbor.yaml). */
  trainingGpus: string;
  /** Test examples for `--mode evaluate`. */
  numTest: number;
  /** `arbor` (a running Arbor server) or `embedded` (in-process, offline). */
  backend: "arbor" | "embedded";
  /** Arbor base URL (with `/v1/`). */
  arborUrl: string;
  /** The embedded server's wire dialect. */
  embeddedDialect: "2025.11" | "2025.06";
  /** Folder of the split files. */
  dataDir: string;
  /** LOCOMO file (else `LOCOMO_PATH`, else `data/locomo10.json`). */
  input: string | undefined;
  /** Where the run is recorded (`runs/<timestamp>` when not given). */
  runDir: string | undefined;
  /** A run folder to resume. */
  resume: string | undefined;
  /** Where model checkpoints go. */
  outputDir: string;
  /** The saved program. */
  programOut: string;
  /** arbor.yaml path. */
  arborConfig: string;
  /** G: rollouts per example. */
  numGenerations: number;
  /** k: examples per step. */
  examplesPerStep: number;
  /** Validation period in steps. */
  numStepsForVal: number;
  /** Run seed. */
  seed: number;
  /** Reward / score: official F1, LLM judge, or both. */
  judge: "f1" | "llm" | "both";
  /** Judge endpoint. */
  judgeBaseUrl: string;
  /** Judge model (must differ from the policy model). */
  judgeModel: string;
  /** Allow the judge to be the policy model. */
  allowSameJudge: boolean;
  /** Reward of an abstention on an answerable question is minus this. */
  abstentionPenalty: number;
  /** Memory token budget. */
  memoryTokens: number;
  /** Memory units retrieved per question. */
  k: number;
  /** Rollout temperature. */
  temperature: number;
  /** Per-device batch size. */
  perDeviceTrainBatchSize: number;
  /** Gradient accumulation steps. */
  gradientAccumulationSteps: number;
  /** Learning rate. */
  learningRate: number;
  /** KL weight β. */
  beta: number;
  /** LoRA rank. */
  loraR: number;
  /** LoRA alpha. */
  loraAlpha: number;
  /** bfloat16. */
  bf16: boolean;
  /** Max prompt tokens. */
  maxPromptLength: number;
  /** Max completion tokens. */
  maxCompletionLength: number;
  /** Seconds without a pending batch before giving up ("trainer is not requesting data"). */
  idleTimeout: number;
  /**
   * Seconds one Arbor `status` or `step` request may take before it counts as timed out (a
   * status poll is then retried; a step fails, as it may have reached the trainer).
   */
  requestTimeout: number;
  /** Concurrent LM requests. */
  concurrency: number;
}

/** The defaults: the seed guide's values where it gives one. */
export const DEFAULT_TRAIN_CONFIG: Readonly<TrainConfig> = {
  numTrain: 600,
  numVal: 100,
  numTrainSteps: 500,
  model: "Qwen/Qwen2.5-3B",
  inferenceGpus: "0",
  trainingGpus: "1,2",
  numTest: 100,
  backend: "arbor",
  arborUrl: "http://127.0.0.1:7453/v1/",
  embeddedDialect: "2025.11",
  dataDir: "data",
  input: undefined,
  runDir: undefined,
  resume: undefined,
  outputDir: "./grpo_checkpoints",
  programOut: "grpo_optimized_memory_qa.json",
  arborConfig: "arbor.yaml",
  numGenerations: 8,
  examplesPerStep: 4,
  numStepsForVal: 10,
  seed: 42,
  judge: "f1",
  judgeBaseUrl: "https://api.openai.com/v1",
  judgeModel: "gpt-4o-mini",
  allowSameJudge: false,
  abstentionPenalty: 0.4,
  memoryTokens: 20_000,
  k: 10,
  temperature: 1.0,
  perDeviceTrainBatchSize: 2,
  gradientAccumulationSteps: 4,
  learningRate: 2e-5,
  beta: 0.04,
  loraR: 64,
  loraAlpha: 16,
  bf16: true,
  maxPromptLength: 4096,
  maxCompletionLength: 512,
  idleTimeout: 600,
  requestTimeout: 120,
  concurrency: 8,
};

const POSITIVE_INTEGERS = [
  "numTrain",
  "numVal",
  "numTrainSteps",
  "numTest",
  "examplesPerStep",
  "numStepsForVal",
  "memoryTokens",
  "k",
  "concurrency",
] as const;

/**
 * Fills in {@link DEFAULT_TRAIN_CONFIG} and checks every value.
 *
 * @example
 * ```ts
 * import { resolveTrainConfig } from "./train_config.ts";
 * const config = resolveTrainConfig({ backend: "embedded", numTrainSteps: 20 });
 * console.assert(config.numGenerations === 8 && config.learningRate === 2e-5);
 * ```
 *
 * @throws {RangeError} naming the option and its value when one is out of range.
 * @throws {TypeError} for an unknown backend, dialect or judge.
 */
export function resolveTrainConfig(options: Partial<TrainConfig> = {}): TrainConfig {
  const config: TrainConfig = { ...DEFAULT_TRAIN_CONFIG };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) (config as unknown as Record<string, unknown>)[key] = value;
  }
  for (const key of POSITIVE_INTEGERS) {
    if (!Number.isSafeInteger(config[key]) || config[key] < 1) {
      throw new RangeError(`${key} must be an integer ≥ 1, got ${config[key]}`);
    }
  }
  if (!Number.isSafeInteger(config.numGenerations) || config.numGenerations < 2) {
    throw new RangeError(
      `numGenerations must be an integer ≥ 2 (GRPO compares rollouts), got ${config.numGenerations}`,
    );
  }
  if (!(config.abstentionPenalty >= 0)) {
    throw new RangeError(`abstentionPenalty must be ≥ 0, got ${config.abstentionPenalty}`);
  }
  if (!(config.temperature > 0)) {
    throw new RangeError(
      `temperature must be > 0 for rollouts (groups need diversity), got ${config.temperature}`,
    );
  }
  if (!(config.idleTimeout > 0)) {
    throw new RangeError(`idleTimeout must be > 0 seconds, got ${config.idleTimeout}`);
  }
  if (!(config.requestTimeout > 0)) {
    throw new RangeError(`requestTimeout must be > 0 seconds, got ${config.requestTimeout}`);
  }
  if (!["arbor", "embedded"].includes(config.backend)) {
    throw new TypeError(`backend must be arbor or embedded, got ${config.backend}`);
  }
  if (!["2025.11", "2025.06"].includes(config.embeddedDialect)) {
    throw new TypeError(
      `embeddedDialect must be 2025.11 or 2025.06, got ${config.embeddedDialect}`,
    );
  }
  if (!["f1", "llm", "both"].includes(config.judge)) {
    throw new TypeError(`judge must be f1, llm or both, got ${config.judge}`);
  }
  return config;
}
