/**
 * Load+validate time and split time for LOCOMO: `loadLocomo()` (read, UTF-8 check, JSON parse,
 * zod validation, typed dataset) and `splitLocomo()` (search over every 6/2/2 assignment of the
 * 10 conversations), plus serialising the three split files. Prints the first (cold) run and the
 * median and minimum of the following runs.
 *
 * Run: `deno run -A bench/data_load_split.ts [runs]` (default 15 runs). Reads `LOCOMO_PATH`,
 * else `data/locomo10.json`.
 *
 * @module
 */

import { loadLocomo, splitLocomo } from "../mod.ts";
// Also times the split files' serialisation, internal to lib/data.
import { DEFAULT_LOCOMO_PATH, serializeSplit, SPLIT_NAMES } from "../lib/data/mod.ts";

const RUNS = Number(Deno.args[0] ?? 15);
const path = Deno.env.get("LOCOMO_PATH") || DEFAULT_LOCOMO_PATH;
try {
  await Deno.stat(path);
} catch {
  console.error(`LOCOMO not found at ${path}: run \`deno task data\` or set LOCOMO_PATH.`);
  Deno.exit(1);
}

async function time<T>(run: () => T | Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const value = await run();
  return [performance.now() - t0, value];
}

async function measure<T>(label: string, run: () => T | Promise<T>): Promise<T> {
  const [cold, value] = await time(run);
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) warm.push((await time(run))[0]);
  warm.sort((a, b) => a - b);
  const median = warm[Math.floor(warm.length / 2)]!;
  console.log(
    `${label.padEnd(34)} first ${cold.toFixed(1).padStart(7)} ms   median ${
      median.toFixed(1).padStart(7)
    } ms   min ${warm[0]!.toFixed(1).padStart(7)} ms`,
  );
  return value;
}

const { size } = await Deno.stat(path);
console.log(`LOCOMO: ${path} (${size} bytes), ${RUNS} runs after the first`);
const dataset = await measure("load+validate (loadLocomo)", () => loadLocomo(path));
const turns = dataset.conversations.reduce(
  (n, c) => n + c.sessions.reduce((m, s) => m + s.turns.length, 0),
  0,
);
console.log(
  `  ${dataset.conversations.length} conversations, ${turns} turns, ` +
    `${dataset.questions.length} questions`,
);
const splits = await measure("split 6/2/2 (splitLocomo)", () => splitLocomo(dataset));
await measure(
  "serialise 3 files (serializeSplit)",
  () => SPLIT_NAMES.map((n) => serializeSplit(splits[n])),
);
console.log(
  `  ${
    SPLIT_NAMES.map((n) =>
      `${n} ${splits[n].conversations.length} conv / ` +
      `${splits[n].examples.length} q`
    ).join(", ")
  }`,
);
