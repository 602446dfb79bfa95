/**
 * `deno task demo`: the quickstart. Data (downloaded once unless `LOCOMO_PATH` is set) → split by
 * conversation → summary.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { CATEGORY_MAPPING_NOTE } from "../data/categories.ts";
import { DEFAULT_LOCOMO_PATH } from "../data/locate_locomo.ts";
import { downloadLocomo } from "../data/download_locomo.ts";
import { loadLocomo } from "../data/load_locomo.ts";
import { writeSplits } from "../data/split_files.ts";
import { splitLocomo } from "../data/split_locomo.ts";
import { checkSplits, splitCounts } from "../data/split_report.ts";
import { formatSplitTable } from "./split.ts";
import { createProgressBar } from "./progress_bar.ts";
import { runCli } from "./run_cli.ts";

const HELP = `deno task demo [--data-dir DIR]

The quickstart: gets LOCOMO (downloads it once into data/, or reads $LOCOMO_PATH), splits it
by conversation into <data-dir>/locomo_{train,val,test}.json and prints a summary.
  --data-dir DIR   where the split files go (default data/)`;

/** Runs the demo; returns the exit code. */
export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      "data-dir": { type: "string", default: "data" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const started = performance.now();
  let input = Deno.env.get("LOCOMO_PATH");
  if (input) console.log(`1. Data: LOCOMO_PATH=${input} (no download).`);
  else {
    let bar: ReturnType<typeof createProgressBar> | undefined;
    const result = await downloadLocomo(DEFAULT_LOCOMO_PATH, {
      onProgress(received, total) {
        bar ??= createProgressBar(total || 2_805_274, { label: "locomo10.json" });
        bar.update(received);
      },
    });
    bar?.stop();
    input = result.path;
    console.log(
      `1. Data: ${input} ${
        result.downloaded ? "downloaded" : "already present"
      } (sha256 verified).`,
    );
  }
  const dataset = await loadLocomo(input);
  const turns = dataset.conversations.reduce(
    (n, c) => n + c.sessions.reduce((m, s) => m + s.turns.length, 0),
    0,
  );
  console.log(
    `   ${dataset.conversations.length} conversations, ${turns} turns, ` +
      `${dataset.questions.length} questions.`,
  );
  const splits = splitLocomo(dataset);
  const problems = checkSplits(splits, dataset.questions.map((q) => q.id));
  if (problems.length > 0) throw new Error(`split check failed: ${problems.join("; ")}`);
  const paths = await writeSplits(splits, values["data-dir"]);
  console.log(`2. Split by conversation (seed 42) → ${paths.train}, ${paths.val}, ${paths.test}`);
  console.log(formatSplitTable(splitCounts(splits)));
  console.log(CATEGORY_MAPPING_NOTE);
  console.log(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  return 0;
}

if (import.meta.main) await runCli(main);
