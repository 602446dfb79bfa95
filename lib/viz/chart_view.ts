/**
 * A rendered chart: SVG for notebooks and files, plus a plain-text summary.
 *
 * @module
 */

import { type DisplayBundle, JUPYTER_DISPLAY, type View } from "./display_bundle.ts";

/** One data point of a chart: field name to value. */
export type ChartDatum = Readonly<Record<string, string | number>>;

/** A chart rendered to SVG (see `barChart`, `lineChart`). */
export class ChartView implements View {
  /** The standalone SVG document (with `xmlns`), e.g. to write to a `.svg` file. */
  readonly svg: string;
  /** A plain-text summary of the data (the fallback for text-only frontends). */
  readonly text: string;

  /** Wraps an SVG string and its text summary. */
  constructor(svg: string, text: string) {
    this.svg = svg;
    this.text = text;
  }

  /** The MIME bundle: `image/svg+xml` and `text/plain`. */
  [JUPYTER_DISPLAY](): DisplayBundle {
    return { "image/svg+xml": this.svg, "text/plain": this.text };
  }
}

/**
 * How many decimals the numbers of a chart need: none when all are integers, one when the largest
 * magnitude is ≥ 10 (F1 × 100: "28.6"), two below ("0.65"). `decimals` overrides.
 */
export function decimalsFor(values: readonly unknown[], decimals?: number): number {
  if (decimals !== undefined) return decimals;
  const numbers = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  if (numbers.every(Number.isInteger)) return 0;
  return Math.max(...numbers.map(Math.abs)) >= 10 ? 1 : 2;
}

/** Formats a chart value: numbers with `decimals` decimals (see {@link decimalsFor}), text as it is. */
export function formatValue(value: string | number | undefined, decimals = 0): string {
  if (typeof value === "number") return value.toFixed(decimals);
  return value ?? "";
}

/** The distinct values of `field` in `data`, in order of first appearance. */
export function distinct(data: readonly ChartDatum[], field: string): (string | number)[] {
  return [...new Set(data.map((d) => d[field]).filter((v) => v !== undefined))] as (
    | string
    | number
  )[];
}
