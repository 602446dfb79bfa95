/**
 * Reading a server's requested wait from `retry-after-ms` / `Retry-After` headers.
 *
 * @module
 */

/** The header getter a `Headers` object provides. */
export interface HeaderSource {
  /** The header's value, or `null` when absent. */
  get(name: string): string | null;
}

/**
 * The wait a server asks for, in milliseconds, or `null` when it asks none (or unreadably).
 * `retry-after-ms` (milliseconds) wins over `Retry-After`, which is either delay-seconds
 * (fractions accepted) or an HTTP date (then the wait is the date minus `nowEpochMs`, at least 0).
 *
 * @example
 * ```ts
 * parseRetryAfter(new Headers({ "retry-after": "2" }), Date.now()); // 2000
 * ```
 */
export function parseRetryAfter(headers: HeaderSource, nowEpochMs: number): number | null {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Number(ms);
  const value = headers.get("retry-after");
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  if (!/[a-z]/i.test(trimmed)) return null; // an HTTP date names a weekday or month
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowEpochMs);
}
