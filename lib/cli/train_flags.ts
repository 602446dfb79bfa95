/**
 * The flags of `deno task train` (the seed guide's, with its defaults, plus backend and judge
 * options), parsed into one resolved config.
 *
 * @module
 */

import { parseArgs } from "node:util";
import {
  DEFAULT_TRAIN_CONFIG,
  resolveTrainConfig,
  type TrainConfig,
} from "../grpo/train_config.ts";
import { intFlag, numberFlag, UsageError } from "./run_cli.ts";

/** The resolved options of `deno task train`: a training config plus the mode and `--help`. */
export interface TrainCliConfig extends TrainConfig {
  /** `train` or `evaluate`. */
  mode: "train" | "evaluate";
  /** Show help. */
  help: boolean;
}

/** One flag of `deno task train`. */
export interface FlagSpec {
  /** The flag without dashes, e.g. `num-train`. */
  name: string;
  /** The config field it sets. */
  key: keyof TrainCliConfig;
  /** How its value is parsed. */
  kind: "string" | "int" | "number" | "boolean";
  /** Its default (`undefined`: none). */
  default: string | number | boolean | undefined;
  /** One-line help. */
  help: string;
  /** Allowed values, when restricted. */
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
  {
    name: "num-train",
    key: "numTrain",
    kind: "int",
    default: DEFAULT_TRAIN_CONFIG.numTrain,
    help: "training examples",
  },
  {
    name: "num-val",
    key: "numVal",
    kind: "int",
    default: DEFAULT_TRAIN_CONFIG.numVal,
    help: "validation examples",
  },
  {
    name: "num-train-steps",
    key: "numTrainSteps",
    kind: "int",
    default: DEFAULT_TRAIN_CONFIG.numTrainSteps,
    help: "GRPO steps",
  },
  {
    name: "model",
    key: "model",
    kind: "string",
    default: DEFAULT_TRAIN_CONFIG.model,
    help: "model to fine-tune",
  },
  {
    name: "inference-gpus",
    key: "inferenceGpus",
    kind: "string",
    default: DEFAULT_TRAIN_CONFIG.inferenceGpus,
    help: "GPU ids for inference (arbor.yaml)",
  },
  {
    name: "training-gpus",
    key: "trainingGpus",
    kind: "string",
    default: DEFAULT_TRAIN_CONFIG.trainingGpus,
    help: "GPU ids for training (arbor.yaml)",
  },
  {
    name: "num-test",
    key: "numTest",
    kind: "int",
    default: DEFAULT_TRAIN_CONFIG.numTest,
    help: "test examples (--mode evaluate)",
  },
  {
    name: "backend",
    key: "backend",
    kind: "string",
    default: DEFAULT_TRAIN_CONFIG.backend,
    help: "arbor (GPU server) or embedded (offline)",
    choices: ["arbor", "embedded"],
  },
  {
    name: "arbor-url",
    key: "arborUrl",
    kind: "string",
    default: DEFAULT_TRAIN_CONFIG.arborUrl,
    help: "Arbor base URL",
  },
  {
    name: "embedded-dialect",
    key: "embeddedDialect",
    kind: "string",
    default: DEFAULT_TRAIN_CONFIG.embeddedDialect,
    help: "wire dialect of the embedded server",
    choices: ["2025.11", "2025.06"],
  },
  {
    name: "data-dir",
    key: "dataDir",
    kind: "string",
    default: DEFAULT_TRAIN_CONFIG.dataDir,
    help: "folder of locomo_{train,val,test}.json",
  },
  {
    name: "input",
    key: "input",
    kind: "string",
    default: DEFAULT_TRAIN_CONFIG.input,
    help: "LOCOMO file (default $LOCOMO_PATH, then data/locomo10.json)",
  },
  {
    name: "run-dir",
    key: "runDir",
    kind: "string",
    default: DEFAULT_TRAIN_CONFIG.runDir,
    help: "run records folder (default runs/<timestamp>)",
  },
  {
    name: "resume",
    key: "resume",
    kind: "string",
    default: DEFAULT_TRAIN_CONFIG.resume,
    help: "resume the run in this folder (default: none, start a new run)",
  },
  {
    name: "output-dir",
    key: "outputDir",
    kind: "string",
    default: DEFAULT_TRAIN_CONFIG.outputDir,
    help: "model checkpoints",
  },
  {
    name: "program-out",
    key: "programOut",
    kind: "string",
    default: DEFAULT_TRAIN_CONFIG.programOut,
    help: "saved program",
  },
  {
    name: "arbor-config",
    key: "arborConfig",
    kind: "string",
    default: DEFAULT_TRAIN_CONFIG.arborConfig,
    help: "arbor.yaml (written when missing)",
  },
  {
    name: "num-generations",
    key: "numGenerations",
    kind: "int",
    default: DEFAULT_TRAIN_CONFIG.numGenerations,
    help: "rollouts per example (G)",
  },
  {
    name: "examples-per-step",
    key: "examplesPerStep",
    kind: "int",
    default: DEFAULT_TRAIN_CONFIG.examplesPerStep,
    help: "examples per step (k)",
  },
  {
    name: "num-steps-for-val",
    key: "numStepsForVal",
    kind: "int",
    default: DEFAULT_TRAIN_CONFIG.numStepsForVal,
    help: "validate every N steps",
  },
  { name: "seed", key: "seed", kind: "int", default: DEFAULT_TRAIN_CONFIG.seed, help: "run seed" },
  {
    name: "judge",
    key: "judge",
    kind: "string",
    default: DEFAULT_TRAIN_CONFIG.judge,
    help: "reward/score: f1, llm or both",
    choices: ["f1", "llm", "both"],
  },
  {
    name: "judge-base-url",
    key: "judgeBaseUrl",
    kind: "string",
    default: DEFAULT_TRAIN_CONFIG.judgeBaseUrl,
    help: "judge endpoint (key from JUDGE_API_KEY or OPENAI_API_KEY)",
  },
  {
    name: "judge-model",
    key: "judgeModel",
    kind: "string",
    default: DEFAULT_TRAIN_CONFIG.judgeModel,
    help: "judge model (must differ from --model)",
  },
  {
    name: "allow-same-judge",
    key: "allowSameJudge",
    kind: "boolean",
    default: DEFAULT_TRAIN_CONFIG.allowSameJudge,
    help: "let the judge be the policy model",
  },
  {
    name: "abstention-penalty",
    key: "abstentionPenalty",
    kind: "number",
    default: DEFAULT_TRAIN_CONFIG.abstentionPenalty,
    help: "reward −p for abstaining on categories 1–4",
  },
  {
    name: "memory-tokens",
    key: "memoryTokens",
    kind: "int",
    default: DEFAULT_TRAIN_CONFIG.memoryTokens,
    help: "memory token budget",
  },
  {
    name: "k",
    key: "k",
    kind: "int",
    default: DEFAULT_TRAIN_CONFIG.k,
    help: "memory units retrieved per question",
  },
  {
    name: "temperature",
    key: "temperature",
    kind: "number",
    default: DEFAULT_TRAIN_CONFIG.temperature,
    help: "rollout temperature",
  },
  {
    name: "per-device-train-batch-size",
    key: "perDeviceTrainBatchSize",
    kind: "int",
    default: DEFAULT_TRAIN_CONFIG.perDeviceTrainBatchSize,
    help: "per-device batch size",
  },
  {
    name: "gradient-accumulation-steps",
    key: "gradientAccumulationSteps",
    kind: "int",
    default: DEFAULT_TRAIN_CONFIG.gradientAccumulationSteps,
    help: "gradient accumulation",
  },
  {
    name: "learning-rate",
    key: "learningRate",
    kind: "number",
    default: DEFAULT_TRAIN_CONFIG.learningRate,
    help: "learning rate (constant with warmup)",
  },
  {
    name: "beta",
    key: "beta",
    kind: "number",
    default: DEFAULT_TRAIN_CONFIG.beta,
    help: "KL penalty β",
  },
  {
    name: "lora-r",
    key: "loraR",
    kind: "int",
    default: DEFAULT_TRAIN_CONFIG.loraR,
    help: "LoRA rank",
  },
  {
    name: "lora-alpha",
    key: "loraAlpha",
    kind: "int",
    default: DEFAULT_TRAIN_CONFIG.loraAlpha,
    help: "LoRA alpha",
  },
  {
    name: "bf16",
    key: "bf16",
    kind: "boolean",
    default: DEFAULT_TRAIN_CONFIG.bf16,
    help: "bfloat16 (--no-bf16 to disable)",
  },
  {
    name: "max-prompt-length",
    key: "maxPromptLength",
    kind: "int",
    default: DEFAULT_TRAIN_CONFIG.maxPromptLength,
    help: "max prompt tokens",
  },
  {
    name: "max-completion-length",
    key: "maxCompletionLength",
    kind: "int",
    default: DEFAULT_TRAIN_CONFIG.maxCompletionLength,
    help: "max completion tokens",
  },
  {
    name: "idle-timeout",
    key: "idleTimeout",
    kind: "number",
    default: DEFAULT_TRAIN_CONFIG.idleTimeout,
    help: "seconds without a pending batch before giving up",
  },
  {
    name: "request-timeout",
    key: "requestTimeout",
    kind: "number",
    default: DEFAULT_TRAIN_CONFIG.requestTimeout,
    help: "seconds an Arbor status/step request may take",
  },
  {
    name: "concurrency",
    key: "concurrency",
    kind: "int",
    default: DEFAULT_TRAIN_CONFIG.concurrency,
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
 * @throws {UsageError} for unknown flags, bad numbers or values outside their choices, and for
 *   an LLM judge that is the policy model without `--allow-same-judge`.
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
  const { mode, help, ...rest } = config as unknown as TrainCliConfig;
  let resolved: TrainCliConfig;
  try {
    resolved = { ...resolveTrainConfig(rest), mode, help };
  } catch (cause) {
    const message = (cause as Error).message;
    const spec = TRAIN_FLAGS.find((f) => message.startsWith(`${f.key} `));
    throw new UsageError(spec ? message.replace(spec.key, `--${spec.name}`) : message, { cause });
  }
  if (
    resolved.judge !== "f1" && resolved.judgeModel === resolved.model && !resolved.allowSameJudge
  ) {
    throw new UsageError(
      `--judge-model ${JSON.stringify(resolved.judgeModel)} is the policy model (--model): a ` +
        "model grading its own answers biases rewards and scores; choose another --judge-model, " +
        "or pass --allow-same-judge to accept that",
    );
  }
  return resolved;
}
