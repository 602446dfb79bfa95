/**
 * Bar charts as SVG (Observable Plot rendered headless), for notebooks and reports.
 *
 * @module
 */

import { Plot } from "../deps.ts";
import { type ChartOptions, colorsFor, resolveChartOptions } from "./chart_options.ts";
import { type ChartDatum, ChartView, decimalsFor, distinct, formatValue } from "./chart_view.ts";
import type { View } from "./display_bundle.ts";
import { renderPlotSvg, textWidth } from "./svg_plot.ts";

/** Options of {@link barChart}. */
export interface BarChartOptions extends ChartOptions {
  /** The field with the bar categories (shown in data order). Required. */
  x: string;
  /** The numeric field with the bar heights. Required. */
  y: string;
  /**
   * A field that splits each x category into side-by-side coloured bars (e.g. the system or the
   * split name), named in a legend above the chart. Default: none (one bar per x value).
   */
  group?: string;
  /**
   * Writes each bar's value above it (rounded, see `decimals`; upright when it is wider than the
   * bar). Default: `true`.
   */
  labels?: boolean;
}

/**
 * A bar chart of `data` (rows of field name to value) as SVG, displayed as `image/svg+xml` in notebooks with a text summary.
 * Categories keep the order in which they first appear in `data`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { barChart } from "./bar_chart.ts";
 *
 * const chart = barChart([{ category: "temporal", n: 321 }, { category: "single-hop", n: 841 }], {
 *   x: "category",
 *   y: "n",
 *   title: "Questions by category",
 * });
 * assert.ok(chart.svg.startsWith("<svg"));
 * ```
 *
 * @throws {TypeError} when `x` or `y` is not a non-empty string.
 * @throws {RangeError} on bad sizes or domain (see `resolveChartOptions`).
 */
export function barChart(
  data: readonly Readonly<Record<string, string | number>>[],
  options: BarChartOptions,
): View & { readonly svg: string } {
  if (!options.x || !options.y) {
    throw new TypeError(
      `barChart needs the x and y field names, got x=${options.x} y=${options.y}`,
    );
  }
  const { x, y, group } = options;
  const config = resolveChartOptions(x, y, options);
  const decimals = decimalsFor(data.map((d) => d[y]), config.decimals);
  const format = (d: ChartDatum) => formatValue(d[y], decimals);
  const xDomain = distinct(data, x);
  const groups = group === undefined ? [] : distinct(data, group);
  const plotWidth = config.width - MARGIN_LEFT - MARGIN_RIGHT;
  const band = plotWidth / Math.max(xDomain.length, 1);
  const barWidth = group === undefined ? band * 0.8 : (band * 0.9 * 0.9) / groups.length;
  const labels = options.labels ?? true;
  const labelWidth = Math.max(0, ...data.map((d) => textWidth(format(d), FONT)));
  // Value labels that do not fit across a bar stand upright above it.
  const upright = labels && labelWidth > barWidth - 2;
  const ticks = tickLayout(xDomain.map((v) => formatValue(v)), band);
  const rows = data as ChartDatum[];
  const colors = colorsFor(group === undefined ? [y] : groups, config.colors);
  const place = group === undefined ? { x } : { fx: x, x: group };
  const fill = group === undefined ? colors[0]! : group;
  const negative = (d: ChartDatum) => typeof d[y] === "number" && (d[y] as number) < 0;
  // Labels go past the bar's end: above a positive bar, below a negative one.
  const valueText = (filter: (d: ChartDatum) => boolean, below: boolean) =>
    Plot.text(rows, {
      ...place,
      y,
      filter,
      text: format,
      ...(upright
        ? { rotate: -90, textAnchor: below ? "end" : "start", dy: below ? 4 : -4 }
        : { dy: below ? 8 : -8 }),
    });
  const marks = [
    Plot.barY(rows, { ...place, y, fill }),
    ...(labels ? [valueText((d) => !negative(d), false), valueText(negative, true)] : []),
    Plot.ruleY([0]),
  ];
  const lowest = Math.min(0, ...data.map((d) => Number(d[y])).filter(Number.isFinite));
  const margins = {
    marginLeft: ticks.left,
    marginRight: MARGIN_RIGHT,
    marginTop: labels ? (upright ? Math.max(34, labelWidth + 14) : 34) : 20,
    marginBottom: ticks.bottom,
  };
  const yScale = {
    label: config.yLabel,
    grid: true,
    ...(config.yDomain
      ? { domain: [...config.yDomain] }
      // Room below the lowest negative bar for its label.
      : lowest < 0 && labels
      ? { domain: [lowest * 1.15, Math.max(0, ...data.map((d) => Number(d[y])))], nice: true }
      : {}),
  };
  const xAxis = { domain: xDomain, label: config.xLabel, tickRotate: ticks.rotate };
  const plot = group === undefined ? { x: { ...xAxis, padding: 0.2 }, y: yScale, ...margins } : {
    fx: { ...xAxis, axis: "bottom", labelAnchor: "center" },
    x: { domain: groups, axis: null, paddingInner: 0.1 },
    color: { domain: groups, range: colors },
    y: yScale,
    ...margins,
  };
  const svg = renderPlotSvg(marks, {
    width: config.width,
    height: config.height,
    title: config.title,
    plot,
    legend: groups.map((g, i) => ({ label: formatValue(g), color: colors[i]! })),
  });
  const summary = data.map((d) =>
    `  ${formatValue(d[x])}${group === undefined ? "" : ` / ${formatValue(d[group])}`}: ${
      format(d)
    }`
  );
  const text = [
    `Bar chart${config.title ? `: ${config.title}` : ""} (${config.yLabel})`,
    ...summary,
  ]
    .join("\n");
  return new ChartView(svg, text);
}

const FONT = 10;
const MARGIN_LEFT = 50;
const MARGIN_RIGHT = 20;

/**
 * Whether the x tick labels must be rotated to fit their band, and the bottom margin they (and
 * the axis label) need.
 */
function tickLayout(
  labels: readonly string[],
  band: number,
): { rotate: number; bottom: number; left: number } {
  const widest = Math.max(0, ...labels.map((l) => textWidth(l, FONT)));
  if (widest <= band - 6) return { rotate: 0, bottom: 40, left: MARGIN_LEFT };
  // At -30°, a label drops by half its length (the axis label goes below) and reaches left by
  // 0.87 of it from its band's centre.
  return {
    rotate: -30,
    bottom: Math.ceil(widest / 2) + 36,
    left: Math.max(MARGIN_LEFT, Math.ceil(0.87 * widest - band / 2) + 6),
  };
}
