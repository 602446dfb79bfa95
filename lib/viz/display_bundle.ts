/**
 * The Jupyter display protocol of the Deno kernel: objects with a `Symbol.for("Jupyter.display")`
 * method render as rich MIME bundles in notebooks, and stay plain objects under `deno test`. Also
 * HTML escaping for text shown in those bundles.
 *
 * @module
 */

/** The symbol the Deno kernel looks up to display an object richly. */
export const JUPYTER_DISPLAY: unique symbol = Symbol.for("Jupyter.display");

/** A MIME bundle: MIME type (e.g. `text/html`, `image/svg+xml`, `text/plain`) to content. */
export type DisplayBundle = Readonly<Record<string, string>>;

/** An object the Deno kernel displays through its MIME bundle. */
export interface Displayable {
  /** Returns the MIME bundle the notebook shows. */
  [JUPYTER_DISPLAY](): DisplayBundle;
}

/**
 * What the notebook helpers return (`table`, `barChart`, `lineChart`, `retrievalView`): a
 * value the Deno Jupyter kernel shows as rich output (through its `Symbol.for("Jupyter.display")`
 * method), with the rendered SVG or HTML and a plain-text form for terminals and files.
 */
export interface View {
  /** The standalone SVG document of a chart (with `xmlns`), e.g. to write to a `.svg` file. */
  readonly svg?: string;
  /** The HTML fragment of a table or a retrieval view (every text from the data escaped). */
  readonly html?: string;
  /** The plain-text form (the fallback of text-only frontends). */
  readonly text: string;
  /** The MIME bundle the notebook shows: MIME type (`text/html`, `image/svg+xml`, …) to content. */
  [JUPYTER_DISPLAY](): Readonly<Record<string, string>>;
}

/** Whether `value` implements the Jupyter display protocol. */
export function isDisplayable(value: unknown): value is Displayable {
  return typeof value === "object" && value !== null &&
    typeof (value as Record<symbol, unknown>)[JUPYTER_DISPLAY] === "function";
}

/**
 * The MIME bundle of a displayable object, e.g. to save a chart's SVG or to test a view.
 *
 * @throws {TypeError} when `value` does not implement the Jupyter display protocol.
 */
export function displayBundle(value: unknown): DisplayBundle {
  if (!isDisplayable(value)) {
    throw new TypeError(
      `Expected an object with a Symbol.for("Jupyter.display") method, got ${typeof value}`,
    );
  }
  return value[JUPYTER_DISPLAY]();
}

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escapes text for HTML element content and quoted attribute values: `&`, `<`, `>`, `"` and
 * `'` become entities. Non-strings are converted with `String(value)` first.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { escapeHtml } from "./display_bundle.ts";
 *
 * assert.ok(escapeHtml("<script>") === "&lt;script&gt;");
 * ```
 */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
