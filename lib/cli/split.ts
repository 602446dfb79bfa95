/**
 * `deno task split`: write `data/locomo_{train,val,test}.json`, split by conversation.
 *
 * @module
 */

import { CATEGORY_IDS, CATEGORY_MAPPING_NOTE, CATEGORY_NAMES } from "../data/categories.ts";
import { loadLocomo } from "../data/load_locomo.ts";
import { locateLocomo } from "../data/locate_locomo.ts";
import { readSplits, writeSplits } from "../data/split_files.ts";
import { resolveSplitConfig, splitLocomo } from "../data/split_locomo.ts";
import { checkSplits, splitCounts } from "../data/split_report.ts";
import { type FlagSpec, formatFlags, HELP_FLAG, parseFlags } from "./flags.ts";
import { runCli, UsageError } from "./run_cli.ts";
import { settingFlag } from "./train_flags.ts";
import { formatTextTable } from "../viz/table.ts";

const RATIO = { type: "number", min: 0 } as const;

/** Every flag of `deno task split`, in `--help` order. */
export const SPLIT_FLAGS: readonly FlagSpec[] = [
  settingFlag("input", { arg: "PATH" }),
  {
    name: "output-dir",
    key: "outputDir",
    type: "string",
    arg: "DIR",
    default: "data",
    rule: { type: "string", nonEmpty: true },
    help: "where to write",
  },
  {
    name: "train-ratio",
    key: "trainRatio",
    type: "number",
    arg: "R",
    default: 0.6,
    rule: RATIO,
    help: "share of conversations for training",
  },
  {
    name: "val-ratio",
    key: "valRatio",
    type: "number",
    arg: "R",
    default: 0.2,
    rule: RATIO,
    help: "share for validation",
  },
  {
    name: "test-ratio",
    key: "testRatio",
    type: "number",
    arg: "R",
    default: 0.2,
    rule: RATIO,
    help: "share for testing",
  },
  {
    name: "seed",
    key: "seed",
    type: "int",
    default: 42,
    rule: { type: "int" },
    help: "seed that orders the search and breaks ties",
  },
  {
    name: "verify",
    key: "verify",
    type: "boolean",
    default: false,
    help: "re-read the written files, check them and print counts per category",
  },
  HELP_FLAG,
];

const HELP = `deno task split [options]

Splits LOCOMO by conversation (no conversation in two splits) into
<output-dir>/locomo_{train,val,test}.json, balancing the five categories.
${formatFlags(SPLIT_FLAGS).join("\n")}`;

/** Renders per-split, per-category counts as a text table. */
export function formatSplitTable(counts: ReturnType<typeof splitCounts>): string {
  const names = CATEGORY_IDS.map((c) => CATEGORY_NAMES[c]);
  return formatTextTable(
    ["split", "conversations", ...names.map((n, i) => `${CATEGORY_IDS[i]} ${n}`), "total"],
    counts.map((c) => [
      c.split,
      c.conversations,
      ...names.map((n) => c.byCategory[n] ?? 0),
      c.questions,
    ]),
  );
}

/** Runs the command; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const values = parseFlags(args, SPLIT_FLAGS).values as {
    input?: string;
    outputDir: string;
    trainRatio: number;
    valRatio: number;
    testRatio: number;
    seed: number;
    verify: boolean;
    help: boolean;
  };
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  let config;
  try {
    config = resolveSplitConfig({
      trainRatio: values.trainRatio,
      valRatio: values.valRatio,
      testRatio: values.testRatio,
      seed: values.seed,
    });
  } catch (cause) {
    // The ratios together break a rule (e.g. they do not sum to 1): name the flags.
    throw new UsageError(
      `--train-ratio, --val-ratio, --test-ratio: ${(cause as Error).message}`,
      { cause },
    );
  }
  const input = await locateLocomo({ input: values.input, envPath: Deno.env.get("LOCOMO_PATH") });
  const dataset = await loadLocomo(input);
  const splits = splitLocomo(dataset, config);
  const paths = await writeSplits(splits, values.outputDir);
  console.log(`Wrote ${paths.train}, ${paths.val}, ${paths.test} from ${input}.`);
  if (!values.verify) return 0;
  const written = await readSplits(values.outputDir);
  const problems = checkSplits(written, dataset.questions.map((q) => q.id));
  console.log(formatSplitTable(splitCounts(written)));
  console.log(CATEGORY_MAPPING_NOTE);
  if (problems.length > 0) {
    console.error(`Split check failed:\n- ${problems.join("\n- ")}`);
    return 1;
  }
  console.log(
    `Check passed: no conversation in two splits; all ${dataset.questions.length} questions ` +
      "in exactly one split.",
  );
  return 0;
}

if (import.meta.main) await runCli(main);
