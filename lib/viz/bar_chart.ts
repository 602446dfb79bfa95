/**
 * Bar charts as SVG (Observable Plot rendered headless), for notebooks and reports.
 *
 * @module
 */

import * as Plot from "@observablehq/plot";
import { type ChartOptions, resolveChartOptions } from "./chart_options.ts";
import { type ChartDatum, ChartView, distinct, formatValue } from "./chart_view.ts";
import { renderPlotSvg } from "./svg_plot.ts";

/** Options of {@link barChart}. */
export interface BarChartOptions extends ChartOptions {
  /** The field with the bar categories (shown in data order). Required. */
  x: string;
  /** The numeric field with the bar heights. Required. */
  y: string;
  /**
   * A field that splits each x category into side-by-side coloured bars (e.g. the split name).
   * Default: none (one bar per x value).
   */
  group?: string;
  /** Writes each bar's value above it. Default: `true`. */
  labels?: boolean;
}

/**
 * A bar chart of `data` as SVG, displayed as `image/svg+xml` in notebooks with a text summary.
 * Categories keep the order in which they first appear in `data`.
 *
 * @example
 * ```ts
 * import { barChart } from "./bar_chart.ts";
 *
 * const chart = barChart([{ category: "temporal", n: 321 }, { category: "single-hop", n: 841 }], {
 *   x: "category",
 *   y: "n",
 *   title: "Questions by category",
 * });
 * console.assert(chart.svg.startsWith("<svg"));
 * ```
 *
 * @throws {TypeError} when `x` or `y` is not a non-empty string.
 * @throws {RangeError} on bad sizes or domain (see `resolveChartOptions`).
 */
export function barChart(data: readonly ChartDatum[], options: BarChartOptions): ChartView {
  if (!options.x || !options.y) {
    throw new TypeError(
      `barChart needs the x and y field names, got x=${options.x} y=${options.y}`,
    );
  }
  const { x, y, group } = options;
  const config = resolveChartOptions(x, y, options);
  const labels = options.labels ?? true;
  const xDomain = distinct(data, x);
  const yScale = {
    label: config.yLabel,
    grid: true,
    ...(config.yDomain ? { domain: [...config.yDomain] } : {}),
  };
  const rows = data as ChartDatum[];
  let marks: unknown[];
  let plot: Record<string, unknown>;
  if (group === undefined) {
    marks = [
      Plot.barY(rows, { x, y, fill: "steelblue" }),
      ...(labels
        ? [Plot.text(rows, { x, y, text: (d: ChartDatum) => formatValue(d[y]), dy: -6 })]
        : []),
      Plot.ruleY([0]),
    ];
    plot = { x: { domain: xDomain, label: config.xLabel }, y: yScale, marginBottom: 40 };
  } else {
    const groups = distinct(data, group);
    marks = [
      Plot.barY(rows, { fx: x, x: group, y, fill: group }),
      ...(labels
        ? [
          Plot.text(rows, {
            fx: x,
            x: group,
            y,
            text: (d: ChartDatum) => formatValue(d[y]),
            dy: -6,
          }),
        ]
        : []),
      Plot.ruleY([0]),
    ];
    plot = {
      fx: { domain: xDomain, label: null },
      x: { domain: groups, axis: "bottom", label: null, tickRotate: groups.length > 3 ? -30 : 0 },
      color: { domain: groups, scheme: "tableau10" },
      y: yScale,
      marginBottom: groups.length > 3 ? 60 : 40,
    };
  }
  const svg = renderPlotSvg(marks, {
    width: config.width,
    height: config.height,
    title: config.title,
    plot,
  });
  const summary = data.map((d) =>
    `  ${formatValue(d[x])}${group === undefined ? "" : ` / ${formatValue(d[group])}`}: ${
      formatValue(d[y])
    }`
  );
  const text = [
    `Bar chart${config.title ? `: ${config.title}` : ""} (${config.yLabel})`,
    ...summary,
  ]
    .join("\n");
  return new ChartView(svg, text);
}
