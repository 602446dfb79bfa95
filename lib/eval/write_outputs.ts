/**
 * Writing `summary.json`, `report.md` and `chart.svg` of an evaluation, each atomically.
 *
 * @module
 */

import { join } from "node:path";
import { writeFilesAtomic } from "../io/atomic_write.ts";
import { categoryChartSvg } from "./category_chart.ts";
import type { EvalSummary } from "./eval_summary.ts";
import { renderReport } from "./report_markdown.ts";

/** Paths of an evaluation's files. */
export interface EvalFiles {
  /** `predictions.jsonl`: one row per system × question. */
  predictions: string;
  /** `summary.json`: the figures. */
  summary: string;
  /** `report.md`: the report. */
  report: string;
  /** `chart.svg`: F1 by category. */
  chart: string;
}

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
    { path: files.chart, data: categoryChartSvg(summary) + "\n" },
  ]);
  return files;
}
