/**
 * The flags of `deno task optimize`, defined once: parsing, checks and `--help` come from this
 * table (via `flags.ts`).
 *
 * @module
 */

import { JUDGE_MODES } from "../eval/mod.ts";
import { AUTO_LEVELS, type AutoLevel, type OptimizerKind, OPTIMIZERS } from "../optimize/mod.ts";
import { join } from "node:path";
import { JsonFileError, readJsonObject } from "../io/mod.ts";
import { type FlagSpec, formatFlags, HELP_FLAG, parseFlags } from "./flags.ts";
import { UsageError } from "./run_cli.ts";
import { settingFlag } from "./train_flags.ts";

const OPENAI_URL = "https://api.openai.com/v1";
const NON_EMPTY = { type: "string", nonEmpty: true } as const;

/** The program file the seed workflow's optimizer wrote (and this command writes). */
export const OPTIMIZED_PROGRAM = "optimized_memory_qa.json";

/** Every flag of `deno task optimize`, in `--help` order. */
export const OPTIMIZE_FLAGS: readonly FlagSpec[] = [
  {
    name: "optimizer",
    key: "optimizer",
    type: "string",
    default: "gepa",
    rule: { type: "string", choices: OPTIMIZERS },
    help: "gepa (reflective evolution) or mipro (demos × proposed instructions × memory)",
  },
  {
    name: "auto",
    key: "auto",
    type: "string",
    arg: "LEVEL",
    rule: { type: "string", choices: AUTO_LEVELS },
    help: "DSPy's budget for --num-val (light = 780 calls for 100); default light unless " +
      "--max-metric-calls",
  },
  {
    name: "max-metric-calls",
    key: "maxMetricCalls",
    type: "int",
    rule: { type: "int", min: 1 },
    help: "task-LM call budget, every call included (instead of --auto)",
  },
  {
    name: "num-train",
    key: "numTrain",
    type: "int",
    default: 100,
    rule: { type: "int", min: 1 },
    help: "training examples (reflection minibatches, demo bootstrapping)",
  },
  {
    name: "num-val",
    key: "numVal",
    type: "int",
    default: 50,
    rule: { type: "int", min: 1 },
    help: "validation examples (the Pareto front and full validations)",
  },
  {
    name: "backend",
    key: "backend",
    type: "string",
    default: "embedded",
    rule: { type: "string", choices: ["embedded", "openai"] },
    help: "task LM: embedded (offline extractive policy) or openai (key $OPENAI_API_KEY)",
  },
  {
    name: "base-url",
    key: "baseUrl",
    type: "string",
    arg: "URL",
    default: OPENAI_URL,
    rule: NON_EMPTY,
    help: "task LM base URL with /v1 (openai)",
  },
  {
    name: "model",
    key: "model",
    type: "string",
    arg: "NAME",
    rule: NON_EMPTY,
    help: "task LM model (required with --backend openai)",
  },
  {
    name: "reflection-base-url",
    key: "reflectionBaseUrl",
    type: "string",
    arg: "URL",
    default: OPENAI_URL,
    rule: NON_EMPTY,
    help: "reflection (gepa) / proposer (mipro) LM; key $REFLECTION_API_KEY or $OPENAI_API_KEY",
  },
  {
    name: "reflection-model",
    key: "reflectionModel",
    type: "string",
    arg: "NAME",
    default: "gpt-4o",
    rule: NON_EMPTY,
    help: "reflection / proposer model",
  },
  {
    name: "program",
    key: "program",
    type: "string",
    arg: "FILE",
    rule: NON_EMPTY,
    help: "saved program to start from (default: the default memory program)",
  },
  {
    name: "memory-search",
    key: "memorySearch",
    type: "boolean",
    default: true,
    help: "also search top-k, memory token cap and context mode (--no-memory-search: off)",
  },
  {
    name: "judge",
    key: "judge",
    type: "string",
    arg: "MODE",
    default: "f1",
    rule: { type: "string", choices: JUDGE_MODES },
    help: "metric: f1 (official F1), llm (judge verdict) or both (their mean)",
  },
  settingFlag("judgeBaseUrl", {
    arg: "URL",
    help: "judge endpoint; key $JUDGE_API_KEY or $OPENAI_API_KEY",
  }),
  settingFlag("judgeModel", { arg: "NAME", help: "judge model" }),
  settingFlag("dataDir", { arg: "DIR", help: "folder of the split files (written when missing)" }),
  settingFlag("input", {
    arg: "PATH",
    help: "LOCOMO file (default $LOCOMO_PATH, then data/locomo10.json)",
  }),
  {
    name: "concurrency",
    key: "concurrency",
    type: "int",
    rule: { type: "int", min: 1 },
    help: "task-LM calls at once (default 2 embedded, 8 openai)",
  },
  {
    name: "seed",
    key: "seed",
    type: "int",
    default: 42,
    rule: { type: "int" },
    help: "seed of the samples, minibatches and choices",
  },
  {
    name: "resume",
    key: "resume",
    type: "string",
    arg: "RUN",
    rule: NON_EMPTY,
    help: "continue the pool of the run in this folder (a larger budget may be given)",
  },
  {
    name: "run-dir",
    key: "runDir",
    type: "string",
    arg: "DIR",
    rule: NON_EMPTY,
    help: "run records folder (default runs/<timestamp>)",
  },
  {
    name: "out-dir",
    key: "outDir",
    type: "string",
    arg: "DIR",
    default: ".",
    rule: NON_EMPTY,
    help: `folder of ${OPTIMIZED_PROGRAM}`,
  },
  HELP_FLAG,
];

/** The `--help` text of `deno task optimize`. */
export function optimizeHelp(): string {
  return `deno task optimize [options]

Prompt optimisation of the QA program, the alternative to GRPO: GEPA-style reflective evolution
(default) or a MIPROv2-style search over instructions, few-shot demos and the memory settings,
within a budget of task-LM calls (every call counts; never exceeded). Writes ${OPTIMIZED_PROGRAM}
and runs/<id>/optimize.jsonl, state.json and summary.json (with the cost). On the embedded
backend only the memory settings change the score; instruction wording matters for a real LM.
${formatFlags(OPTIMIZE_FLAGS).join("\n")}`;
}

/** The parsed flags of `deno task optimize` (see {@link OPTIMIZE_FLAGS}). */
export interface OptimizeFlags {
  /** `--optimizer`. */
  optimizer: OptimizerKind;
  /** `--auto`. */
  auto: AutoLevel | undefined;
  /** `--max-metric-calls`. */
  maxMetricCalls: number | undefined;
  /** `--num-train`. */
  numTrain: number;
  /** `--num-val`. */
  numVal: number;
  /** `--backend`. */
  backend: "embedded" | "openai";
  /** `--base-url`. */
  baseUrl: string;
  /** `--model`. */
  model: string | undefined;
  /** `--reflection-base-url`. */
  reflectionBaseUrl: string;
  /** `--reflection-model`. */
  reflectionModel: string;
  /** `--program`. */
  program: string | undefined;
  /** `--memory-search`. */
  memorySearch: boolean;
  /** `--judge`. */
  judge: "f1" | "llm" | "both";
  /** `--judge-base-url`. */
  judgeBaseUrl: string;
  /** `--judge-model`. */
  judgeModel: string;
  /** `--data-dir`. */
  dataDir: string;
  /** `--input`. */
  input: string | undefined;
  /** `--concurrency`. */
  concurrency: number | undefined;
  /** `--seed`. */
  seed: number;
  /** `--resume`. */
  resume: string | undefined;
  /** `--run-dir`. */
  runDir: string | undefined;
  /** `--out-dir`. */
  outDir: string;
  /** `--help`. */
  help: boolean;
}

/** Flags a resumed run may change (the rest must match its `config.json`). */
export const RESUME_MAY_CHANGE: ReadonlySet<string> = new Set([
  "resume",
  "maxMetricCalls",
  "auto",
  "outDir",
  "concurrency",
  "help",
]);

/**
 * Parses the optimize flags; with `--resume DIR`, the run's recorded `config.json` with the flags
 * a resumed run may change applied on top.
 *
 * @throws {UsageError} for a bad flag, a missing run or a flag that may not change.
 */
export async function resolveOptimizeFlags(args: string[]): Promise<OptimizeFlags> {
  const { values, given } = parseFlags(args, OPTIMIZE_FLAGS);
  const flags = values as unknown as OptimizeFlags;
  if (flags.help || flags.resume === undefined) return flags;
  let recorded: Record<string, unknown>;
  try {
    recorded = await readJsonObject(join(flags.resume, "config.json"));
  } catch (cause) {
    if (cause instanceof JsonFileError && cause.problem === "unreadable") {
      throw new UsageError(`--resume ${flags.resume}: no readable config.json there`, { cause });
    }
    throw new Error(
      `cannot resume ${flags.resume}: ${(cause as Error).message}; restore it or start a new ` +
        "run without --resume",
      { cause },
    );
  }
  for (const key of given) {
    if (RESUME_MAY_CHANGE.has(key)) continue;
    if (JSON.stringify(recorded[key]) !== JSON.stringify(values[key])) {
      const spec = OPTIMIZE_FLAGS.find((s) => s.key === key)!;
      throw new UsageError(
        `--${spec.name} cannot change when resuming (the run has ${JSON.stringify(recorded[key])})`,
      );
    }
  }
  const merged = { ...recorded, resume: flags.resume, help: false } as unknown as OptimizeFlags;
  if (given.has("concurrency")) merged.concurrency = flags.concurrency;
  if (given.has("outDir")) merged.outDir = flags.outDir;
  if (given.has("maxMetricCalls") || given.has("auto")) {
    merged.maxMetricCalls = flags.maxMetricCalls;
    merged.auto = flags.auto;
  }
  return merged;
}
