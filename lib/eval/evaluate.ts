/**
 * The evaluation harness: systems side by side on the same questions, rows written as they
 * finish, resumable, failures counted as wrong, then summary, report and chart.
 *
 * @module
 */

import { pLimit } from "../deps.ts";
import type { SplitExample } from "../data/split_locomo.ts";
import { answerQuestion } from "../program/answer_question.ts";
import { createMemoryBank } from "../program/memory_bank.ts";
import { resolveJudgeConfig } from "../metrics/judge_config.ts";
import type { EvalProgress, EvalSystem, PredictionRow } from "./eval_types.ts";
import { type EvalSummary, summarizeRows } from "./eval_summary.ts";
import {
  type EvaluateConfig,
  type EvaluateOptions,
  resolveEvaluateConfig,
} from "./evaluate_options.ts";
import { judgeRow } from "./judge_row.ts";
import { buildPredictionRow } from "./prediction_row.ts";
import {
  openPredictionLog,
  type PredictionLog,
  readPredictions,
  rowKey,
} from "./predictions_file.ts";
import { evalFiles, writeEvalOutputs } from "./write_outputs.ts";

/** What {@link evaluate} returns. */
export interface EvaluationResult {
  /** One row per system × question, systems in the order given, questions in example order. */
  rows: PredictionRow[];
  /** The figures (also in `summary.json`). */
  summary: EvalSummary;
  /** Rows whose answer failed once retries were spent (they count as wrong). */
  failed: number;
  /** Rows of categories 1–4 the judge gave no verdict for ("not judged"; F1 unchanged). */
  notJudged: number;
  /**
   * Rows whose answer came from an earlier run in the same folder (no answering call made for
   * them; answers left unjudged there were judged now).
   */
  reused: number;
  /** Unreadable lines skipped in an earlier `predictions.jsonl` (e.g. a torn last line). */
  ignoredLines: number;
  /**
   * The files written, or `null` without `outDir`: `predictions` (`predictions.jsonl`, one row
   * per system × question), `summary` (`summary.json`, the figures), `report` (`report.md`) and
   * `chart` (`chart.svg`, F1 by category).
   */
  files: { predictions: string; summary: string; report: string; chart: string } | null;
}

function checkInputs(
  systems: readonly EvalSystem[],
  examples: readonly SplitExample[],
  config: EvaluateConfig,
): void {
  if (!Array.isArray(systems) || systems.length === 0) {
    throw new TypeError("evaluate() needs at least one system");
  }
  const names = new Set<string>();
  for (const s of systems) {
    if (typeof s?.name !== "string" || s.name === "" || !s.program) {
      throw new TypeError(
        `every system needs a name and a program, got ${JSON.stringify(s?.name)}`,
      );
    }
    if (names.has(s.name)) throw new TypeError(`two systems are named ${JSON.stringify(s.name)}`);
    names.add(s.name);
  }
  if (!Array.isArray(examples) || examples.length === 0) {
    throw new TypeError("evaluate() needs at least one example");
  }
  const known = new Set(config.conversations.map((c) => c.sampleId));
  const ids = new Set<string>();
  for (const e of examples) {
    if (ids.has(e.id)) throw new TypeError(`example id ${e.id} appears twice`);
    ids.add(e.id);
    if (!known.has(e.sampleId)) {
      throw new RangeError(
        `example ${e.id} is about conversation ${e.sampleId}, which is not among the ` +
          `${known.size} conversations given`,
      );
    }
  }
  if (config.judgeConfig) {
    for (const s of systems) {
      if (s.lm) resolveJudgeConfig({ lm: config.judgeConfig.lm, policyModel: s.lm.model });
    }
  }
}

function isFinished(row: PredictionRow, judged: boolean): boolean {
  return row.error === null && (!judged || row.category === 5 || row.judgeVerdict !== null);
}

async function settleAll(tasks: Promise<void>[]): Promise<void> {
  const outcomes = await Promise.allSettled(tasks);
  const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected");
  if (failure) throw failure.reason;
}

/**
 * Runs every system on every example at temperature 0 (at most `concurrency` questions at
 * once), scores each answer with the official F1 and, when asked, the LLM judge, and returns
 * the rows and their summary. With `outDir`, each row is appended to `predictions.jsonl` as it
 * finishes; rows already finished there (same system and question id, no error, judged when
 * judging) are reused, so a rerun fills in only what is missing and retries failed rows; a rerun
 * with the judge judges the answers an earlier run without it left, without asking again. A
 * failed LM call does not stop the run: its row carries the (redacted) error and counts as wrong
 * in every total. `summary.json`, `report.md` and `chart.svg` are written at the end, atomically.
 *
 * @example
 * ```ts ignore
 * const lm = createLmClient({ baseUrl, model: "Qwen/Qwen3-0.6B", cacheDir: ".cache/lm" });
 * const systems = baselinePrograms().map((program) => ({ name: program.name, program }));
 * const { summary, failed } = await evaluate(systems, split.examples, {
 *   lm,
 *   conversations: dataset.conversations,
 *   outDir: "results/run1",
 * });
 * ```
 *
 * @throws {TypeError} / {RangeError} for bad systems, examples or options (before any call).
 * @throws {JudgeConfigError} when the judge model is an answering model.
 * @throws the signal's reason when cancelled (finished rows are kept on disk).
 */
export async function evaluate(
  systems: readonly EvalSystem[],
  examples: readonly SplitExample[],
  options: EvaluateOptions,
): Promise<EvaluationResult> {
  const config = resolveEvaluateConfig(options);
  checkInputs(systems, examples, config);
  const judged = config.judgeConfig !== null;
  const files = config.outDir === null ? null : evalFiles(config.outDir);
  const previous = files ? await readPredictions(files.predictions) : { rows: [], ignoredLines: 0 };
  const kept = previous.rows.filter((r) => isFinished(r, judged));
  const finished = new Map(kept.map((r) => [rowKey(r), r]));
  // Answers an earlier run without the judge left: judged now, not asked again.
  const answered = new Map(
    previous.rows.filter((r) => r.error === null && !isFinished(r, judged)).map((
      r,
    ) => [rowKey(r), r]),
  );
  const log: PredictionLog | null = files ? await openPredictionLog(files.predictions, kept) : null;
  const results = new Map<string, PredictionRow>();
  const todo: {
    system: EvalSystem;
    example: SplitExample;
    key: string;
    earlier: PredictionRow | undefined;
  }[] = [];
  for (const system of systems) {
    for (const example of examples) {
      const key = rowKey({ system: system.name, questionId: example.id });
      const done = finished.get(key);
      if (done) results.set(key, done);
      else todo.push({ system, example, key, earlier: answered.get(key) });
    }
  }
  const progress: EvalProgress = {
    done: results.size,
    total: systems.length * examples.length,
    errors: 0,
    reused: results.size + todo.filter((t) => t.earlier !== undefined).length,
  };
  config.onProgress?.({ ...progress });
  const limit = pLimit(config.concurrency);
  const bank = createMemoryBank(
    config.conversations,
    config.memoryTokens === null ? {} : { memoryTokens: config.memoryTokens },
  );
  try {
    await settleAll(todo.map(({ system, example, key, earlier }) =>
      limit(async () => {
        config.signal?.throwIfAborted();
        const lm = system.lm ?? config.lm;
        let row = earlier ?? buildPredictionRow(
          example,
          await answerQuestion(system.program, { lm, memories: bank, example }, {
            temperature: 0,
            secrets: config.secrets,
            ...(config.signal ? { signal: config.signal } : {}),
          }),
          { system: system.name, judged },
        );
        if (config.judgeConfig) {
          row = await judgeRow(row, { ...config.judgeConfig, policyModel: lm.model }, {
            secrets: config.secrets,
            unavailable: config.judgeUnavailable,
          });
        }
        results.set(key, row);
        await log?.append(row);
        progress.done++;
        if (row.error !== null || row.judgeError !== null) progress.errors++;
        config.onProgress?.({ ...progress });
      })
    ));
  } finally {
    bank.free();
  }
  const rows = systems.flatMap((s) =>
    examples.map((e) => results.get(rowKey({ system: s.name, questionId: e.id }))!)
  );
  const summary = summarizeRows(systems.map((s) => s.name), rows, {
    judgeMode: config.judge,
    seed: config.seed,
    resamples: config.resamples,
  });
  if (files) await writeEvalOutputs(config.outDir!, summary, { runInfo: config.runInfo });
  return {
    rows,
    summary,
    failed: rows.filter((r) => r.error !== null).length,
    notJudged: rows.filter((r) => r.judgeError !== null).length,
    reused: progress.reused,
    ignoredLines: previous.ignoredLines,
    files,
  };
}
