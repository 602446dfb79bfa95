/**
 * Rendering an Observable Plot chart to a standalone SVG string without a browser (linkedom).
 *
 * @module
 */

import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { escapeHtml } from "./html_escape.ts";

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

const TITLE_SPACE = 24;

/**
 * Renders Plot `marks` into an SVG string with `xmlns` set, a white background and the title
 * (escaped) on top. Plot's `title` option is avoided on purpose: it wraps the SVG in HTML.
 */
export function renderPlotSvg(marks: readonly PlotMark[], frame: PlotFrame): string {
  const { document } = parseHTML("<!doctype html><html><body></body></html>") as unknown as {
    document: unknown;
  };
  const plot = frame.plot as { marginTop?: number };
  const marginTop = (plot.marginTop ?? 20) + (frame.title === undefined ? 0 : TITLE_SPACE);
  const options = {
    ...frame.plot,
    width: frame.width,
    height: frame.height,
    marginTop,
    style: { background: "white", color: "black" },
    marks,
    document,
  };
  const svg = Plot.plot(options as Plot.PlotOptions) as unknown as {
    setAttribute(name: string, value: string): void;
    outerHTML: string;
  };
  svg.setAttribute("xmlns", SVG_NS);
  let text = svg.outerHTML;
  if (frame.title !== undefined) {
    const title = `<text x="8" y="18" font-size="14" font-weight="bold" text-anchor="start">${
      escapeHtml(frame.title)
    }</text>`;
    text = text.replace(/<\/svg>$/, `${title}</svg>`);
  }
  return text;
}
