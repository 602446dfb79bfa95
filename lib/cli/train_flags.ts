/**
 * The flags of `deno task train` (the seed guide's, with its defaults, plus backend and judge
 * options), parsed into one resolved config.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { intFlag, numberFlag, UsageError } from "./run_cli.ts";

/** The resolved options of `deno task train`. */
export interface TrainCliConfig {
  /** `train` or `evaluate`. */
  mode: "train" | "evaluate";
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
  /** Concurrent LM requests. */
  concurrency: number;
  /** Show help. */
  help: boolean;
}

interface FlagSpec {
  name: string;
  key: keyof TrainCliConfig;
  kind: "string" | "int" | "number" | "boolean";
  default: string | number | boolean | undefined;
  help: string;
  choices?: readonly string[];
}

/** Every flag with its default and help, in `--help` order. */
export const TRAIN_FLAGS: readonly FlagSpec[] = [
  {
    name: "mode",
    key: "mode",
    kind: "string",
    default: "train",
    help: "train or evaluate",
    choices: ["train", "evaluate"],
  },
  { name: "num-train", key: "numTrain", kind: "int", default: 600, help: "training examples" },
  { name: "num-val", key: "numVal", kind: "int", default: 100, help: "validation examples" },
  { name: "num-train-steps", key: "numTrainSteps", kind: "int", default: 500, help: "GRPO steps" },
  {
    name: "model",
    key: "model",
    kind: "string",
    default: "Qwen/Qwen2.5-3B",
    help: "model to fine-tune",
  },
  {
    name: "inference-gpus",
    key: "inferenceGpus",
    kind: "string",
    default: "0",
    help: "GPU ids for inference (arbor.yaml)",
  },
  {
    name: "training-gpus",
    key: "trainingGpus",
    kind: "string",
    default: "1,2",
    help: "GPU ids for training (arbor.yaml)",
  },
  {
    name: "num-test",
    key: "numTest",
    kind: "int",
    default: 100,
    help: "test examples (--mode evaluate)",
  },
  {
    name: "backend",
    key: "backend",
    kind: "string",
    default: "arbor",
    help: "arbor (GPU server) or embedded (offline)",
    choices: ["arbor", "embedded"],
  },
  {
    name: "arbor-url",
    key: "arborUrl",
    kind: "string",
    default: "http://127.0.0.1:7453/v1/",
    help: "Arbor base URL",
  },
  {
    name: "embedded-dialect",
    key: "embeddedDialect",
    kind: "string",
    default: "2025.11",
    help: "wire dialect of the embedded server",
    choices: ["2025.11", "2025.06"],
  },
  {
    name: "data-dir",
    key: "dataDir",
    kind: "string",
    default: "data",
    help: "folder of locomo_{train,val,test}.json",
  },
  {
    name: "input",
    key: "input",
    kind: "string",
    default: undefined,
    help: "LOCOMO file (default $LOCOMO_PATH, then data/locomo10.json)",
  },
  {
    name: "run-dir",
    key: "runDir",
    kind: "string",
    default: undefined,
    help: "run records folder (default runs/<timestamp>)",
  },
  {
    name: "resume",
    key: "resume",
    kind: "string",
    default: undefined,
    help: "resume the run in this folder",
  },
  {
    name: "output-dir",
    key: "outputDir",
    kind: "string",
    default: "./grpo_checkpoints",
    help: "model checkpoints",
  },
  {
    name: "program-out",
    key: "programOut",
    kind: "string",
    default: "grpo_optimized_memory_qa.json",
    help: "saved program",
  },
  {
    name: "arbor-config",
    key: "arborConfig",
    kind: "string",
    default: "arbor.yaml",
    help: "arbor.yaml (written when missing)",
  },
  {
    name: "num-generations",
    key: "numGenerations",
    kind: "int",
    default: 8,
    help: "rollouts per example (G)",
  },
  {
    name: "examples-per-step",
    key: "examplesPerStep",
    kind: "int",
    default: 4,
    help: "examples per step (k)",
  },
  {
    name: "num-steps-for-val",
    key: "numStepsForVal",
    kind: "int",
    default: 10,
    help: "validate every N steps",
  },
  { name: "seed", key: "seed", kind: "int", default: 42, help: "run seed" },
  {
    name: "judge",
    key: "judge",
    kind: "string",
    default: "f1",
    help: "reward/score: f1, llm or both",
    choices: ["f1", "llm", "both"],
  },
  {
    name: "judge-base-url",
    key: "judgeBaseUrl",
    kind: "string",
    default: "https://api.openai.com/v1",
    help: "judge endpoint (key from JUDGE_API_KEY or OPENAI_API_KEY)",
  },
  {
    name: "judge-model",
    key: "judgeModel",
    kind: "string",
    default: "gpt-4o-mini",
    help: "judge model (must differ from --model)",
  },
  {
    name: "allow-same-judge",
    key: "allowSameJudge",
    kind: "boolean",
    default: false,
    help: "let the judge be the policy model",
  },
  {
    name: "abstention-penalty",
    key: "abstentionPenalty",
    kind: "number",
    default: 0.4,
    help: "reward −p for abstaining on categories 1–4",
  },
  {
    name: "memory-tokens",
    key: "memoryTokens",
    kind: "int",
    default: 20_000,
    help: "memory token budget",
  },
  { name: "k", key: "k", kind: "int", default: 10, help: "memory units retrieved per question" },
  {
    name: "temperature",
    key: "temperature",
    kind: "number",
    default: 1.0,
    help: "rollout temperature",
  },
  {
    name: "per-device-train-batch-size",
    key: "perDeviceTrainBatchSize",
    kind: "int",
    default: 2,
    help: "per-device batch size",
  },
  {
    name: "gradient-accumulation-steps",
    key: "gradientAccumulationSteps",
    kind: "int",
    default: 4,
    help: "gradient accumulation",
  },
  {
    name: "learning-rate",
    key: "learningRate",
    kind: "number",
    default: 2e-5,
    help: "learning rate (constant with warmup)",
  },
  { name: "beta", key: "beta", kind: "number", default: 0.04, help: "KL penalty β" },
  { name: "lora-r", key: "loraR", kind: "int", default: 64, help: "LoRA rank" },
  { name: "lora-alpha", key: "loraAlpha", kind: "int", default: 16, help: "LoRA alpha" },
  {
    name: "bf16",
    key: "bf16",
    kind: "boolean",
    default: true,
    help: "bfloat16 (--no-bf16 to disable)",
  },
  {
    name: "max-prompt-length",
    key: "maxPromptLength",
    kind: "int",
    default: 4096,
    help: "max prompt tokens",
  },
  {
    name: "max-completion-length",
    key: "maxCompletionLength",
    kind: "int",
    default: 512,
    help: "max completion tokens",
  },
  {
    name: "idle-timeout",
    key: "idleTimeout",
    kind: "number",
    default: 600,
    help: "seconds without a pending batch before giving up",
  },
  {
    name: "concurrency",
    key: "concurrency",
    kind: "int",
    default: 8,
    help: "concurrent LM requests",
  },
  { name: "help", key: "help", kind: "boolean", default: false, help: "show this help" },
];

/** The `--help` text listing every flag with its default. */
export function trainHelp(): string {
  const lines = TRAIN_FLAGS.map((f) => {
    const arg = f.kind === "boolean" ? "" : f.kind === "string" ? " VALUE" : " N";
    const def = f.default === undefined ? "" : ` (default: ${f.default})`;
    return `  --${(f.name + arg).padEnd(34)} ${f.help}${def}`;
  });
  return [
    "deno task train --mode train|evaluate [options]",
    "",
    "GRPO training of the memory-augmented QA program on LOCOMO (the seed guide's workflow),",
    "against a running Arbor server (--backend arbor) or offline (--backend embedded).",
    "",
    ...lines,
  ].join("\n");
}

/**
 * Parses the command line into a {@link TrainCliConfig}.
 *
 * @throws {UsageError} for unknown flags, bad numbers or values outside their choices.
 */
export function parseTrainFlags(args: readonly string[]): TrainCliConfig {
  const options: Record<string, { type: "string" | "boolean" }> = {};
  for (const f of TRAIN_FLAGS) {
    options[f.name] = { type: f.kind === "boolean" ? "boolean" : "string" };
    if (f.kind === "boolean") options[`no-${f.name}`] = { type: "boolean" };
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: [...args], options, strict: true }).values as typeof values;
  } catch (cause) {
    throw new UsageError((cause as Error).message, { cause });
  }
  const config: Record<string, unknown> = {};
  for (const f of TRAIN_FLAGS) {
    const raw = values[f.name];
    if (f.kind === "boolean") {
      config[f.key] = values[`no-${f.name}`] ? false : (raw as boolean | undefined) ?? f.default;
    } else if (f.kind === "int") {
      config[f.key] = intFlag(f.name, raw as string | undefined, f.default as number);
    } else if (f.kind === "number") {
      config[f.key] = numberFlag(f.name, raw as string | undefined, f.default as number);
    } else {
      const value = (raw as string | undefined) ?? f.default;
      if (f.choices && !f.choices.includes(value as string)) {
        throw new UsageError(
          `--${f.name} must be one of ${f.choices.join(", ")}, got ${JSON.stringify(value)}`,
        );
      }
      config[f.key] = value;
    }
  }
  const c = config as unknown as TrainCliConfig;
  for (
    const key of [
      "numTrain",
      "numVal",
      "numTrainSteps",
      "numTest",
      "numGenerations",
      "examplesPerStep",
      "numStepsForVal",
      "memoryTokens",
      "k",
      "concurrency",
    ] as const
  ) {
    const spec = TRAIN_FLAGS.find((f) => f.key === key)!;
    const min = key === "numGenerations" ? 2 : 1;
    if (c[key] < min) throw new UsageError(`--${spec.name} must be ≥ ${min}, got ${c[key]}`);
  }
  if (c.abstentionPenalty < 0) {
    throw new UsageError(`--abstention-penalty must be ≥ 0, got ${c.abstentionPenalty}`);
  }
  if (!(c.temperature > 0)) {
    throw new UsageError(
      `--temperature must be > 0 for rollouts (groups need diversity), got ${c.temperature}`,
    );
  }
  return c;
}
