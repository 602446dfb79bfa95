/**
 * How a memory unit reads in a prompt: one line with its id, date, label, speaker and text.
 *
 * @module
 */

import { MONTH_NAMES } from "../data/mod.ts";

/**
 * The short date of an ISO local date-time, e.g. `shortDate("2023-05-08T13:56:00") === "8 May 2023"`;
 * `fallback` when `iso` is not an ISO date.
 */
export function shortDate(iso: string, fallback: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  const month = m ? MONTH_NAMES[Number(m[2]) - 1] : undefined;
  if (!m || month === undefined) return fallback;
  return `${Number(m[3])} ${month} ${m[1]}`;
}

// A unit's line is the prompt format's memory line (one layout for the renderer and the readers).
export {
  type MemoryLineParts as UnitLineParts,
  renderMemoryLine as unitLine,
} from "../protocol/prompt_format.ts";
