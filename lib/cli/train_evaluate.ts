/**
 * `deno task train --mode evaluate`: scores the saved program (`--program-out`) on `--num-test`
 * test examples with the evaluation harness, where it was trained: the backend, model and
 * checkpoint come from the program's provenance unless `--backend` / `--model` say otherwise.
 * On the embedded backend the program's checkpoint is restored; on Arbor the server is probed
 * first (the same fast "No Arbor server found" as train mode) and the checkpoint is served by
 * name. Defaults shared with `deno task evaluate` come from `evaluate_flags.ts`.
 *
 * @module
 */

import { CATEGORY_MAPPING_NOTE } from "../data/categories.ts";
import { arborChatModel } from "../protocol/mod.ts";
import { startBackend } from "../backend/start_backend.ts";
import { type EmbeddedBackend, startEmbeddedBackend } from "../eval/embedded_backend.ts";
import type { SystemSummary } from "../eval/eval_summary.ts";
import { formatFailures } from "../eval/failure_causes.ts";
import { evaluate } from "../eval/evaluate.ts";
import { EVALUATE_DEFAULTS } from "../eval/evaluate_options.ts";
import { stratifiedSample } from "../grpo/stratified_sample.ts";
import type { TrainConfig } from "../grpo/train_config.ts";
import { createRunFolder } from "../io/run_folder.ts";
import { createLmClient, type LmClient } from "../lm/client.ts";
import { checkpointOf, loadProgram, type SavedProgram } from "../program/saved_program.ts";
import { loadSplitData } from "../data/split_data.ts";
import { formatTextTable } from "../viz/table.ts";
import { DEFAULT_EVALUATE_BACKEND, defaultConcurrency } from "./evaluate_flags.ts";
import { FAILED_ROWS_EXIT, probeJudgeAtEdge } from "./judge_setup.ts";
import { createProgressBar } from "./progress_bar.ts";
import { UsageError } from "./run_cli.ts";
import type { TrainCliConfig } from "./train_flags.ts";

/** Renders the per-category F1 of systems as a text table (the terminal summary). */
export function formatScoreTable(systems: readonly SystemSummary[]): string {
  const categories = systems[0]?.f1.byCategory.map((c) => c.name) ?? [];
  return formatTextTable(
    ["system", "F1 (all)", "95 % CI", "F1 (1–4)", ...categories, "errors"],
    systems.map((s) => [
      s.name,
      s.f1.overall.mean.toFixed(3),
      `${s.f1.overall.ci.low.toFixed(3)}–${s.f1.overall.ci.high.toFixed(3)}`,
      answerableF1(s),
      ...s.f1.byCategory.map((c) => c.mean.toFixed(3)),
      s.errors,
    ]),
  );
}

/**
 * The F1 of categories 1–4 (the answerable ones: adversarial questions reward abstaining, which
 * can dominate "all"), weighted by questions, or `"-"` when there are none.
 */
export function answerableF1(system: SystemSummary): string {
  const answerable = system.f1.byCategory.filter((c) => c.category !== 5);
  const count = answerable.reduce((n, c) => n + c.count, 0);
  if (count === 0) return "-";
  return (answerable.reduce((sum, c) => sum + c.mean * c.count, 0) / count).toFixed(3);
}

/** Where `--mode evaluate` scores a program: backend, model name and checkpoint. */
export interface EvaluationTarget {
  /** The backend. */
  backend: TrainConfig["backend"];
  /** Where the backend came from: a flag, or the program's provenance. */
  backendFrom: "flag" | "program" | "default";
  /** The checkpoint (embedded: a folder, resolved against the program file; Arbor: a name). */
  checkpoint: string | null;
  /** Arbor: the model name to ask for. */
  model: string;
}

/**
 * Where to evaluate a saved program: the backend it was trained on (unless `--backend` was
 * typed; an untrained program defaults to the embedded backend, as `deno task evaluate`), its
 * checkpoint, and on Arbor the served name (`--model` when typed, else the checkpoint's or the
 * recorded model's).
 */
export async function evaluationTarget(
  config: TrainCliConfig,
  options: { given: ReadonlySet<string>; saved: SavedProgram },
): Promise<EvaluationTarget> {
  const { given, saved } = options;
  const recorded = saved.provenance.backend;
  const backend = given.has("backend")
    ? config.backend
    : recorded === "arbor" || recorded === "embedded"
    ? recorded
    : DEFAULT_EVALUATE_BACKEND;
  const backendFrom = given.has("backend")
    ? "flag"
    : recorded === "arbor" || recorded === "embedded"
    ? "program"
    : "default";
  // A checkpoint belongs to the backend it was trained on.
  const checkpoint = backend === recorded ? await checkpointOf(config.programOut, saved) : null;
  const model = given.has("model")
    ? config.model
    : checkpoint ?? (recorded === "arbor" ? saved.provenance.model : config.model);
  return { backend, backendFrom, checkpoint, model };
}

/** Options of {@link evaluateMode}. */
export interface EvaluateModeOptions {
  /** The settings whose flags were typed (the rest may come from the program). */
  given: ReadonlySet<string>;
  /** The judge's key (`""`: none). */
  judgeKey: string;
  /** Cancels the run (Ctrl-C). */
  signal: AbortSignal;
}

/** Runs `--mode evaluate`; returns the exit code (3 when rows failed, unless allowed). */
export async function evaluateMode(
  config: TrainCliConfig,
  options: EvaluateModeOptions,
): Promise<number> {
  const { signal, judgeKey } = options;
  try {
    await Deno.stat(config.programOut);
  } catch {
    throw new UsageError(
      `no saved program at ${config.programOut}: train one first with ` +
        "`deno task train --mode train` (or pass --program-out FILE)",
    );
  }
  const saved = await loadProgram(config.programOut);
  const target = await evaluationTarget(config, { given: options.given, saved });
  // The server and the judge are probed before data is read or anything is written.
  const arbor = target.backend === "arbor"
    ? await startBackend("arbor", {
      baseUrl: config.arborUrl,
      probeTimeoutMs: Math.min(config.requestTimeout * 1000, 5_000),
      signal,
    })
    : null;
  const judgeUnavailable = config.judge === "f1" ? null : await probeJudgeAtEdge({
    baseUrl: config.judgeBaseUrl,
    model: config.judgeModel,
    apiKey: judgeKey,
    allowFailures: config.allowFailures,
    signal,
  });
  const data = await loadSplitData({
    input: config.input,
    envPath: Deno.env.get("LOCOMO_PATH"),
    dataDir: config.dataDir,
  });
  const secrets = [judgeKey].filter((s) => s !== "");
  const test = stratifiedSample(
    data.splits.test.examples,
    Math.min(config.numTest, data.splits.test.examples.length),
    { key: (e) => e.category, seed: config.seed + 2 },
  );
  const concurrency = options.given.has("concurrency")
    ? config.concurrency
    : defaultConcurrency(target.backend);
  let backend: EmbeddedBackend | undefined;
  let lm: LmClient;
  if (target.backend === "embedded") {
    backend = await startEmbeddedBackend({
      policyCheckpoint: target.checkpoint,
      seed: config.seed,
      concurrency,
    });
    lm = backend.lm;
  } else {
    lm = createLmClient({
      baseUrl: arbor!.baseUrl.replace(/\/+$/, ""),
      model: arborChatModel(target.model),
      concurrency,
      timeoutMs: 300_000,
    });
  }
  const judgeLm = config.judge === "f1" ? null : createLmClient({
    baseUrl: config.judgeBaseUrl,
    model: config.judgeModel,
    apiKey: judgeKey,
    concurrency,
  });
  try {
    const outDir = config.runDir ?? await createRunFolder("results");
    const from = { flag: "--backend", program: "the program's provenance", default: "default" }[
      target.backendFrom
    ];
    console.log(
      `Evaluating ${config.programOut} (trained on ${saved.provenance.backend}, model ` +
        `${saved.provenance.model}) on the ${target.backend} backend (from ${from}), model ` +
        `${lm.model}, checkpoint ${target.checkpoint ?? "none"}, on ${test.length} test questions.`,
    );
    const bar = createProgressBar(test.length, {
      label: "evaluate rows",
      fields: { errors: 0 },
      plainEveryMs: 10_000,
    });
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
        judgeUnavailable,
        judgeCacheDir: EVALUATE_DEFAULTS.judgeCacheDir,
        secrets,
        signal,
        memoryTokens: config.memoryTokens,
        seed: config.seed,
        runInfo: {
          program: config.programOut,
          backend: target.backend,
          model: lm.model,
          checkpoint: target.checkpoint ?? "none",
        },
        onProgress: (p) => bar.update(p.done, { errors: p.errors }),
      },
    );
    bar.stop();
    console.log(formatScoreTable(result.summary.systems));
    console.log(CATEGORY_MAPPING_NOTE);
    const failed = result.failed + result.notJudged;
    console.log(
      `${result.rows.length} rows, ${failed} failed` +
        `${failed > 0 ? `: ${formatFailures(result.summary)}` : ""}. ` +
        `Full results: ${outDir}/report.md, predictions.jsonl, summary.json.`,
    );
    if (failed > 0 && !config.allowFailures) {
      console.log(`Exit code ${FAILED_ROWS_EXIT}: rows failed (--allow-failures accepts that).`);
      return FAILED_ROWS_EXIT;
    }
    return 0;
  } finally {
    judgeLm?.close();
    if (backend) await backend.close();
    else lm.close();
  }
}
