/**
 * Evaluation throughput on the embedded backend: questions per second through the whole
 * harness (prompt rendering, HTTP to the in-process embedded server, parsing, official F1,
 * predictions.jsonl appends, summary with bootstrap intervals, report and chart), for each
 * system alone and for the four systems together, at concurrency 1 and 8; and the cost of a
 * rerun in the same folder (every row reused).
 *
 * Run: `deno run -A bench/evaluate.ts` (reads LOCOMO from env LOCOMO_PATH, else
 * `data/locomo10.json`; evaluates the default test split).
 *
 * @module
 */

import { baselinePrograms, type EvalSystem, evaluate, loadLocomo, splitLocomo } from "../mod.ts";
import { startEmbeddedBackend } from "../lib/eval/mod.ts";
// The terminal table of the CLI (lib/viz), for the printed timings.
import { formatTextTable } from "../lib/viz/mod.ts";

const path = Deno.env.get("LOCOMO_PATH") ?? "data/locomo10.json";
const dataset = await loadLocomo(path);
const examples = splitLocomo(dataset).test.examples;
const all: EvalSystem[] = baselinePrograms().map((program) => ({ name: program.name, program }));

async function timed(systems: EvalSystem[], concurrency: number, outDir: string) {
  await using backend = await startEmbeddedBackend({ concurrency });
  const start = performance.now();
  const result = await evaluate(systems, examples, {
    lm: backend.lm,
    conversations: dataset.conversations,
    outDir,
    concurrency,
  });
  const seconds = (performance.now() - start) / 1000;
  return { seconds, rows: result.rows.length, reused: result.reused, failed: result.failed };
}

const rows: (string | number)[][] = [];
const tmp = await Deno.makeTempDir({ prefix: "memgrpo_bench_evaluate_" });
try {
  const runs: [string, EvalSystem[], number][] = [
    ...all.map((s): [string, EvalSystem[], number] => [s.name, [s], 8]),
    ["all four", all, 1],
    ["all four", all, 2],
    ["all four", all, 8],
  ];
  for (const [label, systems, concurrency] of runs) {
    const dir = `${tmp}/${label.replace(/\s/g, "_")}_${concurrency}`;
    const r = await timed(systems, concurrency, dir);
    rows.push([label, concurrency, r.rows, r.seconds.toFixed(2), (r.rows / r.seconds).toFixed(1)]);
    if (label === "all four" && concurrency === 8) {
      const again = await timed(systems, concurrency, dir);
      rows.push([
        "all four, rerun (all reused)",
        concurrency,
        again.reused,
        again.seconds.toFixed(2),
        (again.rows / again.seconds).toFixed(1),
      ]);
    }
  }
} finally {
  await Deno.remove(tmp, { recursive: true });
}
console.log(
  `Embedded backend (untrained extractive policy), ${examples.length} test questions of ` +
    `${path}, ${navigator.hardwareConcurrency} CPUs:`,
);
console.log(formatTextTable(["systems", "concurrency", "rows", "seconds", "questions/s"], rows));
