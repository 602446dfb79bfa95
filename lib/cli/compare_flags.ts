/**
 * The flags of `deno task compare`, defined once; the judge and data flags come from the training
 * settings table.
 *
 * @module
 */

import { type FlagSpec, formatFlags, HELP_FLAG } from "./flags.ts";
import { settingFlag } from "./train_flags.ts";

const OPENAI_URL = "https://api.openai.com/v1";
const NON_EMPTY = { type: "string", nonEmpty: true } as const;
const file = (name: string, key: string, help: string): FlagSpec => ({
  name,
  key,
  type: "string",
  arg: "FILE",
  rule: NON_EMPTY,
  help,
});

/** Every flag of `deno task compare`, in `--help` order. */
export const COMPARE_FLAGS: readonly FlagSpec[] = [
  file("base", "base", "saved program of the base system (default: the default memory program)"),
  file("optimized", "optimized", "the optimized program (deno task optimize)"),
  file("grpo", "grpo", "the GRPO-trained program (deno task train)"),
  {
    name: "backend",
    key: "backend",
    type: "string",
    default: "embedded",
    rule: { type: "string", choices: ["embedded", "openai"] },
    help: "embedded (programs' checkpoints answer for them) or openai (key $OPENAI_API_KEY)",
  },
  {
    name: "base-url",
    key: "baseUrl",
    type: "string",
    arg: "URL",
    default: OPENAI_URL,
    rule: NON_EMPTY,
    help: "OpenAI-compatible base URL (openai)",
  },
  {
    name: "model",
    key: "model",
    type: "string",
    arg: "NAME",
    rule: NON_EMPTY,
    help: "model (openai)",
  },
  {
    name: "num-test",
    key: "numTest",
    type: "int",
    rule: { type: "int", min: 1 },
    help: "seeded, category-stratified sample of N test questions (default all)",
  },
  {
    name: "judge",
    key: "judge",
    type: "string",
    default: "f1",
    rule: { type: "string", choices: ["f1", "llm", "both"] },
    help: "f1, llm (J) or both",
  },
  settingFlag("judgeBaseUrl", {
    arg: "URL",
    help: "judge endpoint; key $JUDGE_API_KEY or $OPENAI_API_KEY",
  }),
  settingFlag("judgeModel", { arg: "NAME", help: "judge model" }),
  settingFlag("dataDir", { arg: "DIR", help: "folder of the split files" }),
  settingFlag("input", { arg: "PATH", help: "LOCOMO file" }),
  {
    name: "concurrency",
    key: "concurrency",
    type: "int",
    rule: { type: "int", min: 1 },
    help: "questions at once (default 2 embedded, 8 openai)",
  },
  { name: "seed", key: "seed", type: "int", default: 42, rule: { type: "int" }, help: "seed" },
  {
    name: "out-dir",
    key: "outDir",
    type: "string",
    arg: "DIR",
    rule: NON_EMPTY,
    help: "output folder (default results/<timestamp>)",
  },
  HELP_FLAG,
];

/** The parsed flags of `deno task compare` (see {@link COMPARE_FLAGS}). */
export interface CompareFlags {
  base?: string;
  optimized?: string;
  grpo?: string;
  backend: "embedded" | "openai";
  baseUrl: string;
  model?: string;
  numTest?: number;
  judge: "f1" | "llm" | "both";
  judgeBaseUrl: string;
  judgeModel: string;
  dataDir: string;
  input?: string;
  concurrency?: number;
  seed: number;
  outDir?: string;
  help: boolean;
}

/** The `--help` text of `deno task compare`. */
export function compareHelp(): string {
  return `deno task compare --optimized FILE --grpo FILE [options]

The base program, the optimized program and the GRPO-trained program on the same test
questions: F1 (J with a judge) per category with 95 % bootstrap intervals, paired differences
against the base, and what each cost to make (task-LM calls, rollouts, tokens, wall time, from
the run records the program names). Writes the evaluation files and comparison.json to --out-dir.
${formatFlags(COMPARE_FLAGS).join("\n")}`;
}
