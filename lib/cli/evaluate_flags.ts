/**
 * The flags of `deno task evaluate`, defined once: parsing, checks and `--help` come from this
 * table (via `flags.ts`).
 *
 * @module
 */

import { SPLIT_NAMES, type SplitName } from "../data/split_locomo.ts";
import { JUDGE_MODES, type JudgeMode } from "../eval/eval_types.ts";
import { EVALUATE_DEFAULTS } from "../eval/evaluate_options.ts";
import { CONTEXT_MODES } from "../program/program_config.ts";
import { type FlagSpec, formatFlags, HELP_FLAG } from "./flags.ts";
import { settingFlag } from "./train_flags.ts";

const OPENAI_URL = "https://api.openai.com/v1";
const NON_EMPTY = { type: "string", nonEmpty: true } as const;

/** The backend both evaluate commands use by default (for a program: when it records none). */
export const DEFAULT_EVALUATE_BACKEND = "embedded";

/**
 * Questions answered at once by default, shared by both evaluate commands: 2 on the embedded
 * backend (it shares this process's CPU), 8 against a server.
 */
export function defaultConcurrency(backend: string): number {
  return backend === "embedded" ? 2 : 8;
}

/** Every flag of `deno task evaluate`, in `--help` order. */
export const EVALUATE_FLAGS: readonly FlagSpec[] = [
  {
    name: "backend",
    key: "backend",
    type: "string",
    default: DEFAULT_EVALUATE_BACKEND,
    rule: { type: "string", choices: ["embedded", "openai"] },
    help: "embedded (the in-process extractive policy, offline) or openai (any OpenAI-compatible " +
      "endpoint; key from $OPENAI_API_KEY)",
  },
  {
    name: "base-url",
    key: "baseUrl",
    type: "string",
    arg: "URL",
    default: OPENAI_URL,
    rule: NON_EMPTY,
    help: "OpenAI-compatible base URL with /v1 (openai)",
  },
  {
    name: "model",
    key: "model",
    type: "string",
    arg: "NAME",
    rule: NON_EMPTY,
    help: "answering model (required with --backend openai)",
  },
  {
    name: "policy-checkpoint",
    key: "policyCheckpoint",
    type: "string",
    arg: "DIR",
    rule: NON_EMPTY,
    help: "embedded: serve this checkpoint folder instead of the untrained policy",
  },
  settingFlag("dataDir", { arg: "DIR", help: "folder of the split files from `deno task split`" }),
  settingFlag("input", {
    arg: "PATH",
    help: "LOCOMO file the split was made from (default $LOCOMO_PATH, then data/locomo10.json)",
  }),
  {
    name: "split",
    key: "split",
    type: "string",
    arg: "NAME",
    default: "test",
    rule: { type: "string", choices: SPLIT_NAMES },
    help: "the split's questions to answer",
  },
  {
    name: "num-test",
    key: "numTest",
    type: "int",
    rule: { type: "int", min: 1 },
    help: "seeded, category-stratified sample of N questions (default all)",
  },
  {
    name: "systems",
    key: "systems",
    type: "string",
    arg: "LIST",
    default: CONTEXT_MODES.join(","),
    help: `comma list of ${CONTEXT_MODES.join(", ")}`,
  },
  {
    name: "program",
    key: "program",
    type: "string",
    arg: "FILE",
    multiple: true,
    default: [],
    rule: NON_EMPTY,
    help: "a saved program as an extra system (repeatable); on the embedded backend its " +
      "provenance checkpoint, if any, answers for it",
  },
  {
    name: "judge",
    key: "judge",
    type: "string",
    arg: "MODE",
    default: EVALUATE_DEFAULTS.judge,
    rule: { type: "string", choices: JUDGE_MODES },
    help: "f1 (official F1), llm (LLM judge J) or both",
  },
  settingFlag("judgeBaseUrl", {
    arg: "URL",
    help: "judge endpoint; key $JUDGE_API_KEY or $OPENAI_API_KEY",
  }),
  settingFlag("judgeModel", {
    arg: "NAME",
    help: "judge model; must differ from the answering model",
  }),
  {
    name: "allow-same-judge",
    key: "allowSameJudge",
    type: "boolean",
    default: false,
    help: "let the judge be the answering model (biased scores)",
  },
  {
    name: "allow-failures",
    key: "allowFailures",
    type: "boolean",
    default: false,
    help: "exit 0 although rows failed or were not judged (default: exit 3), and go on " +
      "without a judge whose probe failed",
  },
  {
    name: "concurrency",
    key: "concurrency",
    type: "int",
    rule: { type: "int", min: 1 },
    help: "questions answered at once (default 8 for openai, 2 for embedded, which shares this " +
      "process's CPU)",
  },
  {
    name: "out-dir",
    key: "outDir",
    type: "string",
    arg: "DIR",
    rule: NON_EMPTY,
    help: "output folder (default results/<timestamp>)",
  },
  {
    name: "cache-dir",
    key: "cacheDir",
    type: "string",
    arg: "DIR",
    rule: NON_EMPTY,
    help: "LM and judge response caches, to share them between evaluations on purpose " +
      "(default: <out-dir>/.cache, so a rerun into the same folder continues and a new folder " +
      "starts clean; entries are keyed by endpoint and the whole request)",
  },
  {
    name: "cache",
    key: "cache",
    type: "boolean",
    default: true,
    help: "cache LM and judge responses (--no-cache asks again every time)",
  },
  {
    name: "seed",
    key: "seed",
    type: "int",
    default: EVALUATE_DEFAULTS.seed,
    rule: { type: "int" },
    help: "seed of the --num-test sample and of the bootstrap intervals",
  },
  HELP_FLAG,
];

/** The `--help` text of `deno task evaluate`. */
export function evaluateHelp(): string {
  return `deno task evaluate [options]

Runs the systems side by side on a split's questions (answers at temperature 0) and writes
predictions.jsonl, summary.json, report.md and chart.svg into --out-dir. Rerunning with the same
--out-dir reuses finished rows and retries failed ones. Failed answers count as wrong; rows the
judge could not judge keep their F1 and are left out of J. A run with failed or unjudged rows
exits 3 unless --allow-failures; a judge that cannot be reached stops the run before it starts.
${formatFlags(EVALUATE_FLAGS).join("\n")}`;
}

/** The parsed flags of `deno task evaluate` (see {@link EVALUATE_FLAGS}). */
export interface EvaluateFlags {
  /** `--backend`. */
  backend: "embedded" | "openai";
  /** `--base-url`. */
  baseUrl: string;
  /** `--model`. */
  model: string | undefined;
  /** `--policy-checkpoint`. */
  policyCheckpoint: string | undefined;
  /** `--data-dir`. */
  dataDir: string;
  /** `--input`. */
  input: string | undefined;
  /** `--split`. */
  split: SplitName;
  /** `--num-test`. */
  numTest: number | undefined;
  /** `--systems`. */
  systems: string;
  /** `--program`. */
  program: string[];
  /** `--judge`. */
  judge: JudgeMode;
  /** `--judge-base-url`. */
  judgeBaseUrl: string;
  /** `--judge-model`. */
  judgeModel: string;
  /** `--allow-same-judge`. */
  allowSameJudge: boolean;
  /** `--allow-failures`. */
  allowFailures: boolean;
  /** `--concurrency`. */
  concurrency: number | undefined;
  /** `--out-dir`. */
  outDir: string | undefined;
  /** `--cache-dir`, or `undefined` for `<out-dir>/.cache`. */
  cacheDir: string | undefined;
  /** `--cache` (`--no-cache`: false). */
  cache: boolean;
  /** `--seed`. */
  seed: number;
  /** `--help`. */
  help: boolean;
}
