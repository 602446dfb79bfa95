/**
 * The one table of training settings. Each row is one {@link TrainConfig} field: its flag, type,
 * default, allowed range or choices, help, the Arbor trainer setting it feeds (`arbor`, a
 * `TrainerSettings` path; `lib/arbor/initialize_body.ts` maps those to each dialect's wire
 * fields) and what `--resume` does when the flag differs from the recorded run (`resume`).
 * `TrainConfig`'s defaults and checks, the train CLI's flags and `--help`, the Arbor trainer
 * settings (`trainer_settings.ts`) and `runs/<ts>/config.json` all derive from it. The trainer's
 * hyperparameter rows (temperature, batch, learning rate, β, LoRA, lengths) live in
 * `trainer_hyperparameters.ts` and are spread in here at their place in `--help` order.
 *
 * @module
 */

import type { ValueRule } from "./setting_rules.ts";
import type { TrainConfig } from "./train_config.ts";
import { TRAINER_HYPERPARAMETERS } from "./trainer_hyperparameters.ts";

/** What `--resume` does with a flag that differs from the run's `config.json`. */
export type ResumePolicy = "apply" | "refuse";

/** One row of {@link TRAIN_SETTINGS}. */
export interface TrainSetting<T> extends ValueRule {
  /** The command-line flag, without dashes. */
  flag: string;
  /** Its default. */
  default: T;
  /** One-line help. */
  help: string;
  /** The `TrainerSettings` field it feeds (`lora.r`: a nested one). Default: none. */
  arbor?: string;
  /** `apply`: a resumed run takes the new value; `refuse` (default): it stops with a message. */
  resume?: ResumePolicy;
}

/** The table, in `--help` order. */
export const TRAIN_SETTINGS: { readonly [K in keyof TrainConfig]: TrainSetting<TrainConfig[K]> } = {
  numTrain: { flag: "num-train", type: "int", default: 600, min: 1, help: "training examples" },
  numVal: { flag: "num-val", type: "int", default: 100, min: 1, help: "validation examples" },
  numTrainSteps: {
    flag: "num-train-steps",
    type: "int",
    default: 500,
    min: 1,
    help: "GRPO steps",
    arbor: "maxSteps",
    resume: "apply",
  },
  model: {
    flag: "model",
    type: "string",
    default: "Qwen/Qwen2.5-3B",
    nonEmpty: true,
    help: "model to fine-tune",
    arbor: "model",
  },
  inferenceGpus: {
    flag: "inference-gpus",
    type: "string",
    default: "0",
    help: "GPU ids for inference (arbor.yaml)",
    arbor: "numInferenceGpus",
    resume: "apply",
  },
  trainingGpus: {
    flag: "training-gpus",
    type: "string",
    default: "1,2",
    help: "GPU ids for training (arbor.yaml)",
    arbor: "numTrainingGpus",
  },
  numTest: {
    flag: "num-test",
    type: "int",
    default: 100,
    min: 1,
    help: "test examples (--mode evaluate)",
    resume: "apply",
  },
  backend: {
    flag: "backend",
    type: "string",
    default: "arbor",
    choices: ["arbor", "embedded"],
    help: "arbor (GPU server) or embedded (offline)",
  },
  arborUrl: {
    flag: "arbor-url",
    type: "string",
    default: "http://127.0.0.1:7453/v1/",
    nonEmpty: true,
    help: "Arbor base URL",
    resume: "apply",
  },
  embeddedDialect: {
    flag: "embedded-dialect",
    type: "string",
    default: "2025.11",
    choices: ["2025.11", "2025.06"],
    help: "wire dialect of the embedded server",
  },
  dataDir: {
    flag: "data-dir",
    type: "string",
    default: "data",
    nonEmpty: true,
    help: "folder of locomo_{train,val,test}.json",
    resume: "apply",
  },
  input: {
    flag: "input",
    type: "string",
    default: undefined,
    optional: true,
    nonEmpty: true,
    help: "LOCOMO file (default $LOCOMO_PATH, then data/locomo10.json)",
    resume: "apply",
  },
  runDir: {
    flag: "run-dir",
    type: "string",
    default: undefined,
    optional: true,
    nonEmpty: true,
    help: "run records folder (default runs/<timestamp>)",
  },
  resume: {
    flag: "resume",
    type: "string",
    default: undefined,
    optional: true,
    nonEmpty: true,
    help: "resume the run in this folder (default: none, start a new run)",
  },
  outputDir: {
    flag: "output-dir",
    type: "string",
    default: "./grpo_checkpoints",
    nonEmpty: true,
    help: "model checkpoints",
    resume: "apply",
  },
  programOut: {
    flag: "program-out",
    type: "string",
    default: "grpo_optimized_memory_qa.json",
    nonEmpty: true,
    help: "saved program",
    resume: "apply",
  },
  program: {
    flag: "program",
    type: "string",
    default: undefined,
    optional: true,
    nonEmpty: true,
    help: "start GRPO from this saved program, e.g. optimized_memory_qa.json: its instructions, " +
      "demos and memory settings (default: the default program with --k)",
  },
  arborConfig: {
    flag: "arbor-config",
    type: "string",
    default: "arbor.yaml",
    nonEmpty: true,
    help: "arbor.yaml (written when missing)",
    resume: "apply",
  },
  numGenerations: {
    flag: "num-generations",
    type: "int",
    default: 8,
    min: 2,
    help: "rollouts per example (G; GRPO compares rollouts)",
    arbor: "numGenerations",
  },
  examplesPerStep: {
    flag: "examples-per-step",
    type: "int",
    default: 4,
    min: 1,
    help: "examples per step (k)",
  },
  numStepsForVal: {
    flag: "num-steps-for-val",
    type: "int",
    default: 10,
    min: 1,
    help: "validate every N steps",
    resume: "apply",
  },
  seed: { flag: "seed", type: "int", default: 42, help: "run seed" },
  judge: {
    flag: "judge",
    type: "string",
    default: "f1",
    choices: ["f1", "llm", "both"],
    help: "reward/score: f1, llm or both",
  },
  judgeBaseUrl: {
    flag: "judge-base-url",
    type: "string",
    default: "https://api.openai.com/v1",
    nonEmpty: true,
    help: "judge endpoint (key from JUDGE_API_KEY or OPENAI_API_KEY)",
    resume: "apply",
  },
  judgeModel: {
    flag: "judge-model",
    type: "string",
    default: "gpt-4o-mini",
    nonEmpty: true,
    help: "judge model (must differ from --model)",
  },
  allowSameJudge: {
    flag: "allow-same-judge",
    type: "boolean",
    default: false,
    help: "let the judge be the policy model",
  },
  abstentionPenalty: {
    flag: "abstention-penalty",
    type: "number",
    default: 0.4,
    min: 0,
    help: "reward −p for abstaining on categories 1–4",
  },
  memoryTokens: {
    flag: "memory-tokens",
    type: "int",
    default: 20_000,
    min: 1,
    help: "memory token budget",
  },
  k: { flag: "k", type: "int", default: 10, min: 1, help: "memory units retrieved per question" },
  ...TRAINER_HYPERPARAMETERS,
  idleTimeout: {
    flag: "idle-timeout",
    type: "number",
    default: 600,
    above: 0,
    help: "seconds without a pending batch before giving up",
    resume: "apply",
  },
  requestTimeout: {
    flag: "request-timeout",
    type: "number",
    default: 120,
    above: 0,
    help: "seconds an Arbor status/step request may take",
    resume: "apply",
  },
  concurrency: {
    flag: "concurrency",
    type: "int",
    default: 8,
    min: 1,
    help: "concurrent LM requests",
    resume: "apply",
  },
  maxFailedSteps: {
    flag: "max-failed-steps",
    type: "int",
    default: 3,
    min: 1,
    help: "stop after this many consecutive steps in which the reward (e.g. the judge) failed",
    resume: "apply",
  },
  allowFailures: {
    flag: "allow-failures",
    type: "boolean",
    default: false,
    help: "--mode evaluate: exit 0 although rows failed (default: exit 3); go on without a " +
      "judge whose probe failed",
    resume: "apply",
  },
};
