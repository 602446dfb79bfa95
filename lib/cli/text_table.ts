/**
 * Plain-text tables for terminal summaries.
 *
 * @module
 */

/**
 * Formats rows as an aligned text table with a header rule. Numbers are right-aligned.
 *
 * @example
 * ```ts
 * import { formatTextTable } from "./text_table.ts";
 * console.log(formatTextTable(["split", "questions"], [["train", 1174]]));
 * ```
 */
export function formatTextTable(
  headers: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): string {
  const cells = [headers.map(String), ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? "").length)));
  const numeric = headers.map((_, c) => rows.every((r) => typeof r[c] === "number"));
  const line = (r: readonly string[]) =>
    r.map((cell, c) => numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))
      .join("  ").trimEnd();
  return [line(cells[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)]
    .join("\n");
}
