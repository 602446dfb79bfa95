/**
 * A plain-text table of an evaluation for the terminal: score by category per system.
 *
 * @module
 */

import { CATEGORY_IDS, categoryName } from "../data/categories.ts";
import { formatTextTable } from "../cli/text_table.ts";
import type { EvalSummary } from "./eval_summary.ts";

/**
 * One row per system: official F1 (percent) per category and overall, then J overall when the
 * judge ran, and the failed rows.
 */
export function formatSummaryTable(summary: EvalSummary): string {
  const hasJ = summary.systems.some((s) => s.judge !== null);
  const headers = [
    "system",
    ...CATEGORY_IDS.map((c) => `${c} ${categoryName(c)}`),
    "F1",
    ...(hasJ ? ["J"] : []),
    "failed",
  ];
  const pct = (x: number | undefined) => x === undefined ? "–" : (x * 100).toFixed(1);
  const rows = summary.systems.map((s) => [
    s.name,
    ...CATEGORY_IDS.map((c) => pct(s.f1.byCategory.find((b) => b.category === c)?.mean)),
    pct(s.f1.overall.mean),
    ...(hasJ ? [s.judge ? pct(s.judge.overall.mean) : "–"] : []),
    s.errors,
  ]);
  return formatTextTable(headers, rows);
}
