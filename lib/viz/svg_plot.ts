/**
 * Rendering an Observable Plot chart to a standalone SVG string without a browser (linkedom).
 *
 * @module
 */

import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
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
}

const TITLE_SPACE = 26;

/**
 * Renders Plot `marks` into an SVG string with `xmlns` set and a white background. A title
 * (escaped) goes in a band above the plot: the plot is nested in an outer SVG, so it never
 * collides with the plot's own axis labels. (Plot's `title` option is avoided on purpose: it
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
  if (frame.title === undefined) {
    svg.setAttribute("xmlns", SVG_NS);
    return svg.outerHTML;
  }
  svg.setAttribute("y", String(TITLE_SPACE));
  const width = frame.width;
  const height = frame.height + TITLE_SPACE;
  return `<svg xmlns="${SVG_NS}" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" style="background:white" font-family="system-ui, sans-serif">` +
    `<text x="8" y="18" font-size="14" font-weight="bold" fill="black">${
      escapeHtml(frame.title)
    }</text>${svg.outerHTML}</svg>`;
}
