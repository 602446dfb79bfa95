/**
 * What an evaluation puts out: `summary.json`, `report.md` and `chart.svg` (written together,
 * atomically), and the plain-text table of scores by category for the terminal.
 *
 * @module
 */

import { join } from "node:path";
import { CATEGORY_IDS, categoryName } from "../data/categories.ts";
import { writeFilesAtomic } from "../io/atomic_write.ts";
import { formatTextTable } from "../viz/table.ts";
import { abstentionNotes, answerableMean } from "./abstention.ts";
import type { EvalSummary } from "./eval_summary.ts";
import type { EvaluationResult } from "./evaluate.ts";
import { renderReport } from "./report_markdown.ts";
import { categoryChart } from "./summary_views.ts";

/** Paths of an evaluation's files. */
export type EvalFiles = NonNullable<EvaluationResult["files"]>;

/** The file paths of an evaluation folder. */
export function evalFiles(outDir: string): EvalFiles {
  return {
    predictions: join(outDir, "predictions.jsonl"),
    summary: join(outDir, "summary.json"),
    report: join(outDir, "report.md"),
    chart: join(outDir, "chart.svg"),
  };
}

/**
 * Writes the summary (with `runInfo` under `run`), the report and the chart into `outDir`; the
 * three appear together or none does.
 */
export async function writeEvalOutputs(
  outDir: string,
  summary: EvalSummary,
  options: { runInfo?: Readonly<Record<string, string | number>> } = {},
): Promise<EvalFiles> {
  const files = evalFiles(outDir);
  const runInfo = options.runInfo ?? {};
  await Deno.mkdir(outDir, { recursive: true });
  await writeFilesAtomic([
    { path: files.summary, data: JSON.stringify({ run: runInfo, ...summary }, null, 2) + "\n" },
    { path: files.report, data: renderReport(summary, { runInfo, chartFile: "chart.svg" }) },
    { path: files.chart, data: categoryChart(summary).svg + "\n" },
  ]);
  return files;
}

/**
 * One row per system: official F1 (percent) per category, on categories 1–4 and overall, then J
 * overall when the judge ran, the abstention rates (percent) on answerable and adversarial
 * questions, and the failed rows; under it, a note for each system whose overall
 * F1 is dominated by abstaining on adversarial questions.
 */
export function formatSummaryTable(summary: EvalSummary): string {
  const hasJ = summary.systems.some((s) => s.judge !== null);
  const headers = [
    "system",
    ...CATEGORY_IDS.map((c) => `${c} ${categoryName(c)}`),
    "F1 1–4",
    "F1",
    ...(hasJ ? ["J", "not judged"] : []),
    "abstain 1–4",
    "abstain 5",
    "failed",
  ];
  const pct = (x: number | undefined) => x === undefined ? "–" : (x * 100).toFixed(1);
  const rows = summary.systems.map((s) => [
    s.name,
    ...CATEGORY_IDS.map((c) => pct(s.f1.byCategory.find((b) => b.category === c)?.mean)),
    pct(answerableMean(s.f1) ?? undefined),
    pct(s.f1.overall.mean),
    ...(hasJ ? [s.judge ? pct(s.judge.overall.mean) : "–", s.notJudged] : []),
    pct(s.abstention.answerable ?? undefined),
    pct(s.abstention.adversarial ?? undefined),
    s.errors,
  ]);
  return [formatTextTable(headers, rows), ...abstentionNotes(summary)].join("\n");
}
