/**
 * Tables: a table view for notebooks (an HTML table with a plain-text fallback) and aligned
 * plain-text tables for terminal summaries.
 *
 * @module
 */

import { type DisplayBundle, escapeHtml, JUPYTER_DISPLAY, type View } from "./display_bundle.ts";

/** A table cell value. `null` and `undefined` show as empty cells. */
export type CellValue = string | number | boolean | null | undefined;

/** One row of a table: column key to value. */
export type TableRow = Readonly<Record<string, CellValue>>;

/** Options of {@link table}. */
export interface TableOptions {
  /**
   * The columns in order, as row keys or `{ key, label }` (the header; default: the key).
   * Default: the keys of the rows, in order of first appearance.
   */
  columns?: readonly (string | { readonly key: string; readonly label?: string })[];
  /** A caption above the table. Default: none. */
  caption?: string;
  /** Digits after the decimal point for non-integer numbers. Default: 3. */
  digits?: number;
}

/** {@link TableOptions} with every default filled in. */
export interface TableConfig {
  /** The columns in order. */
  columns: readonly { key: string; label: string }[];
  /** The caption, or `undefined` for none. */
  caption: string | undefined;
  /** Digits after the decimal point for non-integer numbers. */
  digits: number;
}

/**
 * Fills in the defaults of {@link TableOptions} for `rows`.
 *
 * @throws {RangeError} when `digits` is not an integer in 0–20.
 */
export function resolveTableOptions(
  rows: readonly TableRow[],
  options: TableOptions = {},
): TableConfig {
  const digits = options.digits ?? 3;
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) {
    throw new RangeError(`digits must be an integer in 0–20, got ${digits}`);
  }
  const keys = options.columns ?? [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const columns = keys.map((c) =>
    typeof c === "string" ? { key: c, label: c } : { key: c.key, label: c.label ?? c.key }
  );
  return { columns, caption: options.caption, digits };
}

function formatCell(value: CellValue, digits: number): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" && !Number.isInteger(value)) return value.toFixed(digits);
  return String(value);
}

/** A table that renders as HTML in notebooks (see {@link table}). */
export class TableView implements View {
  /** The rows shown. */
  readonly rows: readonly TableRow[];
  /**
   * The resolved options (internal: the rendering reads them).
   *
   * @ignore
   */
  readonly config: TableConfig;

  /** Makes a view of `rows`; prefer {@link table}. */
  constructor(rows: readonly TableRow[], options: TableOptions = {}) {
    this.rows = rows;
    this.config = resolveTableOptions(rows, options);
  }

  /** The cells as formatted strings, row by row, in column order. */
  cells(): string[][] {
    return this.rows.map((row) =>
      this.config.columns.map((c) => formatCell(row[c.key], this.config.digits))
    );
  }

  /** The table as an HTML fragment; every header, cell and caption is escaped. */
  get html(): string {
    const { columns, caption } = this.config;
    const head = columns.map((c) => `<th style="text-align:left">${escapeHtml(c.label)}</th>`)
      .join("");
    const body = this.cells().map((cells, r) => {
      const tds = cells.map((text, i) => {
        const numeric = typeof this.rows[r]![columns[i]!.key] === "number";
        return `<td style="text-align:${numeric ? "right" : "left"}">${escapeHtml(text)}</td>`;
      });
      return `<tr>${tds.join("")}</tr>`;
    });
    const cap = caption === undefined ? "" : `<caption>${escapeHtml(caption)}</caption>`;
    return `<table class="memgrpo-table">${cap}<thead><tr>${head}</tr></thead><tbody>${
      body.join("")
    }</tbody></table>`;
  }

  /** The table as aligned plain text (the fallback for terminals and text-only frontends). */
  get text(): string {
    const header = this.config.columns.map((c) => c.label);
    const lines = [header, ...this.cells()].map((cells) => cells.map(oneLine));
    const widths = header.map((_, i) => Math.max(...lines.map((cells) => cells[i]!.length)));
    const render = (cells: string[]) => cells.map((t, i) => t.padEnd(widths[i]!)).join("  ");
    const out = [render(lines[0]!), widths.map((w) => "-".repeat(w)).join("  ")];
    for (const cells of lines.slice(1)) out.push(render(cells));
    if (this.config.caption !== undefined) out.unshift(this.config.caption);
    return out.map((line) => line.trimEnd()).join("\n");
  }

  /** The MIME bundle: `text/html` and `text/plain`. */
  [JUPYTER_DISPLAY](): DisplayBundle {
    return { "text/html": this.html, "text/plain": this.text };
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ");
}

/**
 * A table of `rows` (column key to cell value; `null` and `undefined` show as empty cells) that displays as an HTML table in a notebook (with a plain-text fallback).
 * All text is HTML-escaped.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { table } from "./table.ts";
 * import { displayBundle } from "./display_bundle.ts";
 *
 * const view = table([{ category: "temporal", questions: 321 }], { caption: "Questions" });
 * assert.ok(displayBundle(view)["text/html"]!.includes(">temporal</td>"));
 * ```
 *
 * @throws {RangeError} on bad options (see {@link resolveTableOptions}).
 */
export function table(
  rows: readonly Readonly<Record<string, string | number | boolean | null | undefined>>[],
  options: TableOptions = {},
): View {
  return new TableView(rows, options);
}

/**
 * Formats rows as an aligned text table with a header rule. Numbers are right-aligned.
 *
 * @example
 * ```ts
 * import { formatTextTable } from "./table.ts";
 * console.log(formatTextTable(["split", "questions"], [["train", 1174]]));
 * ```
 */
export function formatTextTable(
  headers: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const cells = [headers.map(String), ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? "").length)));
  // Numbers, and numbers already formatted (e.g. "0.080", "-"), are right-aligned.
  const numberLike = (v: string | number | undefined) =>
    typeof v === "number" || (typeof v === "string" && /^([+−-]?\d+(\.\d+)?|-)$/.test(v));
  const numeric = headers.map((_, c) => rows.length > 0 && rows.every((r) => numberLike(r[c])));
  const line = (r: readonly string[]) =>
    r.map((cell, c) => numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))
      .join("  ").trimEnd();
  return [line(cells[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)]
    .join("\n");
}
