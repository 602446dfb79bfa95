/**
 * Options shared by the chart helpers, and their defaults.
 *
 * @module
 */

/** Options every chart accepts. */
export interface ChartOptions {
  /** Title drawn at the top. Default: none. */
  title?: string;
  /** Label of the x axis. Default: the x field's name. */
  xLabel?: string;
  /** Label of the y axis. Default: the y field's name. */
  yLabel?: string;
  /** The y range shown, e.g. `[0, 1]` for recall. Default: from the data (bars start at 0). */
  yDomain?: readonly [number, number];
  /** Width in pixels (integer ≥ 100). Default: 640. */
  width?: number;
  /** Height in pixels (integer ≥ 100). Default: 320. */
  height?: number;
  /**
   * Decimals of the numbers written on the chart and in its text summary (integer 0–6).
   * Default: from the data — none for integers, one when the largest value is ≥ 10 (e.g. F1 × 100
   * reads "28.6"), two below (e.g. a share reads "0.65").
   */
  decimals?: number;
  /**
   * The colour of each series or group value (e.g. each system), so that one system has one
   * colour across all the charts of a report or notebook: pass the same mapping to each (see
   * {@link systemColors}). Values not in it get palette colours in order of first appearance.
   * Default: none.
   */
  colors?: Readonly<Record<string, string>>;
}

/** {@link ChartOptions} with every default filled in. */
export interface ChartConfig {
  /** Title, or `undefined` for none. */
  title: string | undefined;
  /** Label of the x axis. */
  xLabel: string;
  /** Label of the y axis. */
  yLabel: string;
  /** The y range, or `undefined` to take it from the data. */
  yDomain: readonly [number, number] | undefined;
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** Decimals of written numbers, or `undefined` to take them from the data. */
  decimals: number | undefined;
  /** Fixed colours by series or group value (may be empty). */
  colors: Readonly<Record<string, string>>;
}

/** The colours series and groups take in turn (Tableau 10: distinct, colour-blind aware). */
export const PALETTE: readonly string[] = [
  "#4e79a7",
  "#f28e2c",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc949",
  "#af7aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ab",
];

/**
 * A stable name → colour mapping: the i-th name gets the i-th {@link PALETTE} colour (cycling).
 * Pass the result as `colors` to every chart of a report or notebook, so each system keeps its
 * colour whichever systems a chart shows.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { systemColors } from "./chart_options.ts";
 *
 * const colors = systemColors(["untrained", "trained"]);
 * assert.ok(colors.trained === "#f28e2c");
 * ```
 */
export function systemColors(names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name, i) => [name, PALETTE[i % PALETTE.length]!]));
}

/**
 * The colour of each of `names` (in order): the fixed one from `colors`, else the next palette
 * colour not taken by a fixed one.
 */
export function colorsFor(
  names: readonly (string | number)[],
  colors: Readonly<Record<string, string>>,
): string[] {
  const taken = new Set(Object.values(colors));
  const free = PALETTE.filter((c) => !taken.has(c));
  let next = 0;
  return names.map((name) =>
    colors[String(name)] ?? free[next++ % Math.max(free.length, 1)] ?? PALETTE[0]!
  );
}

function checkSize(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 100) {
    throw new RangeError(`${name} must be an integer ≥ 100 (pixels), got ${value}`);
  }
  return value;
}

function checkDecimals(value: number | undefined): number | undefined {
  if (value !== undefined && (!Number.isInteger(value) || value < 0 || value > 6)) {
    throw new RangeError(`decimals must be an integer from 0 to 6, got ${value}`);
  }
  return value;
}

/**
 * Fills in the defaults of {@link ChartOptions}; `x` and `y` name the plotted fields.
 *
 * @throws {RangeError} when `width` or `height` is not an integer ≥ 100, `decimals` is not an
 *   integer 0–6, or `yDomain` is not two finite numbers in increasing order.
 */
export function resolveChartOptions(x: string, y: string, options: ChartOptions): ChartConfig {
  const domain = options.yDomain;
  if (
    domain !== undefined &&
    (!Number.isFinite(domain[0]) || !Number.isFinite(domain[1]) || domain[0] >= domain[1])
  ) {
    throw new RangeError(`yDomain must be [low, high] with low < high, got [${domain.join(", ")}]`);
  }
  return {
    title: options.title,
    xLabel: options.xLabel ?? x,
    yLabel: options.yLabel ?? y,
    yDomain: domain,
    width: checkSize("width", options.width ?? 640),
    height: checkSize("height", options.height ?? 320),
    decimals: checkDecimals(options.decimals),
    colors: options.colors ?? {},
  };
}
