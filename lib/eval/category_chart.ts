/**
 * `chart.svg`: official F1 by category, one bar per system (the notebook bar chart helper).
 *
 * @module
 */

import { barChart } from "../viz/bar_chart.ts";
import type { EvalSummary } from "./eval_summary.ts";

/**
 * A grouped SVG bar chart of official F1 (percent) per category and overall, one coloured bar
 * per system, in summary order.
 */
export function categoryChartSvg(summary: EvalSummary): string {
  const data = summary.systems.flatMap((s) => [
    ...s.f1.byCategory.map((c) => ({
      category: `${c.name} (${c.category})`,
      system: s.name,
      f1: Math.round(c.mean * 1000) / 10,
    })),
    { category: "overall", system: s.name, f1: Math.round(s.f1.overall.mean * 1000) / 10 },
  ]);
  return barChart(data, {
    x: "category",
    y: "f1",
    group: "system",
    title: `Official LOCOMO F1 by category (${summary.questions} questions per system)`,
    xLabel: "category",
    yLabel: "official F1 (%)",
    yDomain: [0, 100],
    width: 860,
    height: 360,
  }).svg;
}
