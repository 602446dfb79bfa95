/**
 * The configuration of a GRPO training run (the seed guide's defaults plus backend, judge and
 * memory options), resolved and checked once from the settings table (`train_settings.ts`), and
 * what `--resume` makes of flags that differ from the recorded run. The train CLI, the demo and
 * the notebooks all use it.
 *
 * @module
 */

import { parseGpuIds } from "../arbor/mod.ts";
import { join } from "node:path";
import { RUN_FILES, RunDirError } from "./run_records.ts";
import { checkValue, SettingError } from "./setting_rules.ts";
import { TRAIN_SETTINGS, type TrainSetting } from "./train_settings.ts";

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
  /** A saved program to start from (e.g. an optimized one), or `undefined` for the default. */
  program: string | undefined;
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
  /** Consecutive steps in which the reward (e.g. the judge) failed before the run stops. */
  maxFailedSteps: number;
  /** `--mode evaluate`: exit 0 although rows failed, and go on without an unusable judge. */
  allowFailures: boolean;
}

/** The table's rows as `[key, row]` pairs, in table order. */
function rows(): [keyof TrainConfig, TrainSetting<unknown>][] {
  return Object.entries(TRAIN_SETTINGS) as [keyof TrainConfig, TrainSetting<unknown>][];
}

/** The defaults of the settings table: the seed guide's values where it gives one. */
export const DEFAULT_TRAIN_CONFIG: Readonly<TrainConfig> = Object.freeze(
  Object.fromEntries(rows().map(([key, row]) => [key, row.default])) as unknown as TrainConfig,
);

/**
 * Fills in {@link DEFAULT_TRAIN_CONFIG} and checks every value against the settings table, then
 * the rules between values: GPU id lists, the trainer's batch rule (a real Arbor hangs in
 * `initialize` when it fails) and a judge that is not the policy model. Pure: call it before
 * anything is written or started.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveTrainConfig } from "./train_config.ts";
 * const config = resolveTrainConfig({ backend: "embedded", numTrainSteps: 20 });
 * assert.ok(config.numGenerations === 8 && config.learningRate === 2e-5);
 * ```
 *
 * @throws {SettingError} naming the flag and the value (`--beta must be ≥ 0; got -1`).
 * @throws {RangeError} naming the flag for a bad GPU id list.
 */
export function resolveTrainConfig(options: Partial<TrainConfig> = {}): TrainConfig {
  const config: Record<string, unknown> = { ...DEFAULT_TRAIN_CONFIG };
  for (const [key, row] of rows()) {
    const value = options[key];
    if (value !== undefined) config[key] = value;
    checkValue(`--${row.flag}`, row, config[key]);
  }
  const c = config as unknown as TrainConfig;
  parseGpuIds(c.inferenceGpus, "--inference-gpus");
  const trainingGpus = parseGpuIds(c.trainingGpus, "--training-gpus").length;
  const batch = c.perDeviceTrainBatchSize * trainingGpus * c.gradientAccumulationSteps;
  if (batch % c.numGenerations !== 0) {
    throw new SettingError(
      "--num-generations",
      c.numGenerations,
      `--num-generations ${c.numGenerations} must divide --per-device-train-batch-size ` +
        `${c.perDeviceTrainBatchSize} × GPUs in --training-gpus ${trainingGpus} × ` +
        `--gradient-accumulation-steps ${c.gradientAccumulationSteps} = ${batch}; ` +
        "Arbor's trainer refuses other sizes and initialize would hang",
    );
  }
  if (c.judge !== "f1" && c.judgeModel === c.model && !c.allowSameJudge) {
    throw new SettingError(
      "--judge-model",
      c.judgeModel,
      `--judge-model ${JSON.stringify(c.judgeModel)} is the policy model (--model): a model ` +
        "grading its own answers biases rewards and scores; choose another --judge-model, or " +
        "pass --allow-same-judge to accept that",
    );
  }
  return c;
}

/** A flag given with `--resume` differs from the run's recorded value and cannot be changed. */
export class ResumeConflictError extends Error {
  /** The flag, with dashes. */
  readonly flag: string;
  /** The run's recorded value. */
  readonly recorded: unknown;
  /** The value given now. */
  readonly given: unknown;

  /** Builds the error. */
  constructor(flag: string, recorded: unknown, given: unknown, options?: ErrorOptions) {
    super(
      `${flag} differs from the run being resumed (${show(recorded)} there, ${show(given)} ` +
        "here); drop it or start a new run",
      options,
    );
    this.name = "ResumeConflictError";
    this.flag = flag;
    this.recorded = recorded;
    this.given = given;
  }
}

function show(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
}

/** A flag that `--resume` applied: its recorded and new values. */
export interface AppliedChange {
  /** The flag, with dashes. */
  flag: string;
  /** The run's recorded value. */
  from: unknown;
  /** The value now. */
  to: unknown;
}

/**
 * The config of a resumed run: the recorded one (`config.json`; a setting it lacks gets its
 * default), with each setting the user gave explicitly (`given`: only typed flags, never
 * defaults) applied where the table says that is safe (`resume: "apply"`, e.g. more steps).
 * Pure: call it before anything is written or started.
 *
 * @throws {ResumeConflictError} for a given setting that differs and may not change.
 * @throws {SettingError} for a given value out of range.
 * @throws {RunDirError} for a recorded value out of range, naming `config.json` and the key.
 */
export function resumeTrainConfig(
  recorded: Readonly<Record<string, unknown>>,
  given: Partial<TrainConfig>,
  options: { resume: string },
): { config: TrainConfig; applied: AppliedChange[] } {
  const base: Record<string, unknown> = {};
  for (const [key] of rows()) if (key in recorded) base[key] = recorded[key];
  // A bad recorded value is the file's fault, not a flag's: say which file and key.
  const file = join(options.resume, RUN_FILES.config);
  const damaged = (cause: Error) =>
    new RunDirError(
      options.resume,
      `cannot resume ${options.resume}: ${file} is damaged: ${cause.message}; restore it or ` +
        "start a new run without --resume",
      { cause },
    );
  for (const [key, row] of rows()) {
    if (key === "resume" || !(key in recorded)) continue;
    try {
      checkValue(`"${key}" (--${row.flag})`, row, recorded[key]);
    } catch (cause) {
      throw damaged(cause as Error);
    }
  }
  let before: TrainConfig;
  try {
    before = resolveTrainConfig({ ...base, resume: options.resume });
  } catch (cause) {
    if (cause instanceof RangeError || cause instanceof TypeError) throw damaged(cause);
    throw cause;
  }
  const after: Record<string, unknown> = { ...before };
  const applied: AppliedChange[] = [];
  for (const [key, row] of rows()) {
    const value = given[key];
    if (value !== undefined) checkValue(`--${row.flag}`, row, value);
    if (key === "resume" || value === undefined || value === before[key]) continue;
    if (row.resume !== "apply") throw new ResumeConflictError(`--${row.flag}`, before[key], value);
    applied.push({ flag: `--${row.flag}`, from: before[key], to: value });
    after[key] = value;
  }
  return { config: resolveTrainConfig(after as Partial<TrainConfig>), applied };
}
