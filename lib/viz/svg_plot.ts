/**
 * Rendering an Observable Plot chart to a standalone SVG string without a browser (linkedom).
 *
 * @module
 */

import { Plot } from "../deps.ts";
import { parseHTML } from "../deps.ts";
import { escapeHtml } from "./display_bundle.ts";

/** The SVG namespace; standalone SVG (files, `image/svg+xml` outputs) needs it on the root. */
export const SVG_NS = "http://www.w3.org/2000/svg";

/** A mark of Observable Plot, kept opaque so public signatures do not name Plot's types. */
export type PlotMark = unknown;

/** What {@link renderPlotSvg} needs besides the marks. */
export interface PlotFrame {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** A title drawn at the top of the SVG, or `undefined` for none. */
  title: string | undefined;
  /** Other options passed to `Plot.plot` as they are (scales, margins, facets). */
  plot: Readonly<Record<string, unknown>>;
  /** Colour swatches drawn in a band below the title (e.g. one per system). Default: none. */
  legend?: readonly LegendEntry[];
}

/** One entry of a chart legend: a colour swatch and its label. */
export interface LegendEntry {
  /** The label (escaped when drawn). */
  label: string;
  /** A CSS colour. */
  color: string;
}

const TITLE_SPACE = 26;
const LEGEND_ROW = 18;
const LEGEND_FONT = 12;

/**
 * The approximate width in pixels of `text` in a sans-serif font of `fontSize` pixels (0.6 em a
 * character: generous for lowercase, so layouts computed with it do not overlap).
 */
export function textWidth(text: string, fontSize: number): number {
  return [...text].length * fontSize * 0.6;
}

/** Lays the legend out in rows that fit `width`; returns the SVG and its height. */
function legendSvg(entries: readonly LegendEntry[], top: number, width: number) {
  const parts: string[] = [];
  let x = 8;
  let row = 0;
  for (const { label, color } of entries) {
    const w = 14 + textWidth(label, LEGEND_FONT) + 16;
    if (x > 8 && x + w > width - 8) {
      x = 8;
      row++;
    }
    const y = top + row * LEGEND_ROW;
    parts.push(
      `<rect x="${x}" y="${y + 3}" width="10" height="10" fill="${escapeHtml(color)}"></rect>` +
        `<text x="${x + 14}" y="${y + 12}" font-size="${LEGEND_FONT}" fill="black">${
          escapeHtml(label)
        }</text>`,
    );
    x += w;
  }
  const height = entries.length === 0 ? 0 : (row + 1) * LEGEND_ROW + 4;
  return { svg: `<g aria-label="legend">${parts.join("")}</g>`, height };
}

/**
 * Renders Plot `marks` into an SVG string with `xmlns` set and a white background. A title
 * (escaped) and a legend go in bands above the plot: the plot is nested in an outer SVG, so they
 * never collide with the plot's own axis labels. (Plot's `title` option is avoided on purpose: it
 * wraps the SVG in HTML.)
 */
export function renderPlotSvg(marks: readonly PlotMark[], frame: PlotFrame): string {
  const { document } = parseHTML("<!doctype html><html><body></body></html>") as unknown as {
    document: unknown;
  };
  const options = {
    ...frame.plot,
    width: frame.width,
    height: frame.height,
    style: { background: "white", color: "black" },
    marks,
    document,
  };
  const svg = Plot.plot(options as Plot.PlotOptions) as unknown as {
    setAttribute(name: string, value: string): void;
    outerHTML: string;
  };
  const legend = frame.legend ?? [];
  if (frame.title === undefined && legend.length === 0) {
    svg.setAttribute("xmlns", SVG_NS);
    return svg.outerHTML;
  }
  const width = frame.width;
  const titleSpace = frame.title === undefined ? 4 : TITLE_SPACE;
  const drawn = legendSvg(legend, titleSpace, width);
  const top = titleSpace + drawn.height;
  svg.setAttribute("y", String(top));
  const height = frame.height + top;
  const title = frame.title === undefined
    ? ""
    : `<text x="8" y="18" font-size="14" font-weight="bold" fill="black">${
      escapeHtml(frame.title)
    }</text>`;
  return `<svg xmlns="${SVG_NS}" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" style="background:white" font-family="system-ui, sans-serif">` +
    `${title}${drawn.height > 0 ? drawn.svg : ""}${svg.outerHTML}</svg>`;
}
