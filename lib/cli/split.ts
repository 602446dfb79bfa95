/**
 * `deno task split`: write `data/locomo_{train,val,test}.json`, split by conversation.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { CATEGORY_IDS, CATEGORY_MAPPING_NOTE, CATEGORY_NAMES } from "../data/categories.ts";
import { loadLocomo } from "../data/load_locomo.ts";
import { locateLocomo } from "../data/locate_locomo.ts";
import { readSplits, writeSplits } from "../data/split_files.ts";
import { resolveSplitConfig, splitLocomo } from "../data/split_locomo.ts";
import { checkSplits, splitCounts } from "../data/split_report.ts";
import { intFlag, numberFlag, runCli } from "./run_cli.ts";
import { formatTextTable } from "../viz/table.ts";

const HELP = `deno task split [options]

Splits LOCOMO by conversation (no conversation in two splits) into
<output-dir>/locomo_{train,val,test}.json, balancing the five categories.
  --input PATH        LOCOMO file (default: $LOCOMO_PATH, then data/locomo10.json)
  --output-dir DIR    where to write (default data/)
  --train-ratio R     share of conversations for training (default 0.6)
  --val-ratio R       share for validation (default 0.2)
  --test-ratio R      share for testing (default 0.2)
  --seed N            seed that orders the search and breaks ties (default 42)
  --verify            re-read the written files, check them and print counts per category`;

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
  const { values } = parseArgs({
    args,
    options: {
      input: { type: "string" },
      "output-dir": { type: "string", default: "data" },
      "train-ratio": { type: "string" },
      "val-ratio": { type: "string" },
      "test-ratio": { type: "string" },
      seed: { type: "string" },
      verify: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const config = resolveSplitConfig({
    trainRatio: numberFlag("train-ratio", values["train-ratio"], 0.6),
    valRatio: numberFlag("val-ratio", values["val-ratio"], 0.2),
    testRatio: numberFlag("test-ratio", values["test-ratio"], 0.2),
    seed: intFlag("seed", values.seed, 42),
  });
  const input = await locateLocomo({ input: values.input, envPath: Deno.env.get("LOCOMO_PATH") });
  const dataset = await loadLocomo(input);
  const splits = splitLocomo(dataset, config);
  const paths = await writeSplits(splits, values["output-dir"]);
  console.log(`Wrote ${paths.train}, ${paths.val}, ${paths.test} from ${input}.`);
  if (!values.verify) return 0;
  const written = await readSplits(values["output-dir"]);
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
