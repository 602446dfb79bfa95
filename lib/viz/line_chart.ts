/**
 * Line charts as SVG (Observable Plot rendered headless), for notebooks and reports.
 *
 * @module
 */

import { Plot } from "../deps.ts";
import { type ChartOptions, colorsFor, resolveChartOptions } from "./chart_options.ts";
import { ChartView, decimalsFor, distinct, formatValue } from "./chart_view.ts";
import type { View } from "./display_bundle.ts";
import { renderPlotSvg } from "./svg_plot.ts";

/** Options of {@link lineChart}. */
export interface LineChartOptions extends ChartOptions {
  /** The numeric field on the x axis. Required. */
  x: string;
  /** The numeric field on the y axis. Required. */
  y: string;
  /** A field whose values each get their own coloured line, named in a legend. Default: one line. */
  series?: string;
  /** The x scale: `linear`, or `log` to spread small values such as k = 1, 2, 5. Default: `linear`. */
  xScale?: "linear" | "log";
}

/**
 * A line chart of `data` (rows of field name to value; points joined in x order, one line per series, named in a legend above
 * the plot) as SVG, displayed as `image/svg+xml` in notebooks with a text summary.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { lineChart } from "./line_chart.ts";
 *
 * const chart = lineChart([{ k: 1, recall: 0.3 }, { k: 5, recall: 0.6 }], {
 *   x: "k",
 *   y: "recall",
 *   yDomain: [0, 1],
 * });
 * assert.ok(chart.svg.includes('xmlns="http://www.w3.org/2000/svg"'));
 * ```
 *
 * @throws {TypeError} when `x` or `y` is not a non-empty string.
 * @throws {RangeError} on bad sizes or domain (see `resolveChartOptions`).
 */
export function lineChart(
  data: readonly Readonly<Record<string, string | number>>[],
  options: LineChartOptions,
): View & { readonly svg: string } {
  if (!options.x || !options.y) {
    throw new TypeError(
      `lineChart needs the x and y field names, got x=${options.x} y=${options.y}`,
    );
  }
  const { x, y, series } = options;
  const config = resolveChartOptions(x, y, options);
  const rows = [...data].sort((a, b) => Number(a[x]) - Number(b[x]));
  const names = series === undefined ? [] : distinct(rows, series);
  const colors = colorsFor(series === undefined ? [y] : names, config.colors);
  const z = series ?? null;
  const stroke = series ?? colors[0]!;
  const marks = [
    Plot.line(rows, { x, y, z, stroke }),
    Plot.dot(rows, { x, y, fill: stroke, r: 3 }),
  ];
  const plot = {
    x: { label: config.xLabel, grid: true, type: options.xScale ?? "linear" },
    y: {
      label: config.yLabel,
      grid: true,
      ...(config.yDomain ? { domain: [...config.yDomain] } : {}),
    },
    ...(series === undefined ? {} : { color: { domain: names, range: colors } }),
    marginLeft: 50,
    marginRight: 20,
    marginBottom: 40,
  };
  // Series are named in a legend above the plot (labels at the line ends collide when lines meet).
  const svg = renderPlotSvg(marks, {
    width: config.width,
    height: config.height,
    title: config.title,
    plot,
    legend: names.map((name, i) => ({ label: formatValue(name), color: colors[i]! })),
  });
  const xDecimals = decimalsFor(rows.map((d) => d[x]), undefined);
  const yDecimals = decimalsFor(rows.map((d) => d[y]), config.decimals);
  const lines = (series === undefined ? [undefined] : names).map((name) => {
    const points = rows.filter((d) => series === undefined || d[series] === name)
      .map((d) => `(${formatValue(d[x], xDecimals)}, ${formatValue(d[y], yDecimals)})`);
    return `  ${name === undefined ? "" : `${name}: `}${points.join(" ")}`;
  });
  const title = `Line chart${
    config.title ? `: ${config.title}` : ""
  } (${config.xLabel} → ${config.yLabel})`;
  return new ChartView(svg, [title, ...lines].join("\n"));
}
