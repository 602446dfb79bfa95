/**
 * `deno task train --mode evaluate`: scores the saved program (`--program-out`) on `--num-test`
 * test examples with the evaluation harness, on the embedded backend (the program's checkpoint
 * restored) or on Arbor (the checkpoint served by name).
 *
 * @module
 */

import { join } from "node:path";
import { normalizeArborUrl } from "../arbor/client_options.ts";
import { arborChatModel } from "../protocol/mod.ts";
import { CATEGORY_MAPPING_NOTE } from "../data/categories.ts";
import { type EmbeddedBackend, startEmbeddedBackend } from "../eval/embedded_backend.ts";
import { evaluate } from "../eval/evaluate.ts";
import type { SystemSummary } from "../eval/eval_summary.ts";
import { stratifiedSample } from "../grpo/stratified_sample.ts";
import { createLmClient, type LmClient } from "../lm/client.ts";
import { loadProgram } from "../program/saved_program.ts";
import { createProgressBar } from "./progress_bar.ts";
import { UsageError } from "./run_cli.ts";
import { loadSplitData } from "../data/split_data.ts";
import { formatTextTable } from "../viz/table.ts";
import type { TrainCliConfig } from "./train_flags.ts";

/** A results folder name from a date: `results/20261125-045000`. */
export function resultsDir(date: Date): string {
  return join(
    "results",
    date.toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", "-"),
  );
}

/** Renders the per-category F1 of systems as a text table (the terminal summary). */
export function formatScoreTable(systems: readonly SystemSummary[]): string {
  const categories = systems[0]?.f1.byCategory.map((c) => c.name) ?? [];
  return formatTextTable(
    ["system", "F1 (all)", "95 % CI", ...categories, "errors"],
    systems.map((s) => [
      s.name,
      Number(s.f1.overall.mean.toFixed(3)),
      `${s.f1.overall.ci.low.toFixed(3)}–${s.f1.overall.ci.high.toFixed(3)}`,
      ...s.f1.byCategory.map((c) => Number(c.mean.toFixed(3))),
      s.errors,
    ]),
  );
}

/** Runs `--mode evaluate`; returns the exit code. */
export async function evaluateMode(config: TrainCliConfig, signal: AbortSignal): Promise<number> {
  try {
    await Deno.stat(config.programOut);
  } catch {
    throw new UsageError(
      `no saved program at ${config.programOut}: train one first with ` +
        "`deno task train --mode train` (or pass --program-out FILE)",
    );
  }
  const saved = await loadProgram(config.programOut);
  const data = await loadSplitData({
    input: config.input,
    envPath: Deno.env.get("LOCOMO_PATH"),
    dataDir: config.dataDir,
  });
  const judgeKey = Deno.env.get("JUDGE_API_KEY") ?? Deno.env.get("OPENAI_API_KEY") ?? "";
  const secrets = [judgeKey].filter((s) => s !== "");
  const test = stratifiedSample(
    data.splits.test.examples,
    Math.min(config.numTest, data.splits.test.examples.length),
    { key: (e) => e.category, seed: config.seed + 2 },
  );
  const checkpoint = saved.provenance.checkpoint;
  let backend: EmbeddedBackend | undefined;
  let lm: LmClient;
  if (config.backend === "embedded") {
    backend = await startEmbeddedBackend({
      policyCheckpoint: checkpoint,
      seed: config.seed,
      concurrency: config.concurrency,
    });
    lm = backend.lm;
  } else {
    lm = createLmClient({
      baseUrl: normalizeArborUrl(config.arborUrl).baseUrl.replace(/\/+$/, ""),
      model: arborChatModel(checkpoint ?? config.model),
      concurrency: config.concurrency,
      timeoutMs: 300_000,
    });
  }
  const judgeLm = config.judge === "f1" ? null : createLmClient({
    baseUrl: config.judgeBaseUrl,
    model: config.judgeModel,
    apiKey: judgeKey,
    concurrency: config.concurrency,
  });
  const outDir = config.runDir ?? resultsDir(new Date());
  const bar = createProgressBar(test.length, {
    format: "evaluate [{bar}] {value}/{total} | errors {errors} | ETA {eta_formatted}",
  });
  try {
    console.log(
      `Evaluating ${config.programOut} (trained for ${saved.provenance.model} on ` +
        `${saved.provenance.backend}; checkpoint ${
          checkpoint ?? "none"
        }) on ${test.length} test questions.`,
    );
    const result = await evaluate(
      [{
        name: saved.program.name === "memory" ? "grpo-program" : saved.program.name,
        program: saved.program,
      }],
      test,
      {
        lm,
        conversations: data.dataset.conversations,
        outDir,
        judge: config.judge,
        judgeLm,
        secrets,
        signal,
        memoryTokens: config.memoryTokens,
        seed: config.seed,
        runInfo: {
          program: config.programOut,
          backend: config.backend,
          checkpoint: checkpoint ?? "none",
        },
        onProgress: (p) => bar.update(p.done, { errors: p.errors }),
      },
    );
    bar.stop();
    console.log(formatScoreTable(result.summary.systems));
    console.log(CATEGORY_MAPPING_NOTE);
    console.log(
      `${result.rows.length} rows, ${result.failed} failed (counted as wrong). ` +
        `Full results: ${outDir}/report.md, predictions.jsonl, summary.json.`,
    );
    return 0;
  } finally {
    judgeLm?.close();
    if (backend) await backend.close();
    else lm.close();
  }
}
