/**
 * HTML escaping for text shown in notebook outputs.
 *
 * @module
 */

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
 * import { escapeHtml } from "./html_escape.ts";
 *
 * console.assert(escapeHtml("<script>") === "&lt;script&gt;");
 * ```
 */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
