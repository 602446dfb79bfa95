/**
 * How a memory unit reads in a prompt: one line with its id, date, label, speaker and text.
 *
 * @module
 */

import { MONTH_NAMES } from "../data/session_date.ts";

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

/** The parts of a unit's line. */
export interface UnitLineParts {
  /** The id shown first: a dia_id, or `S<n>` for a session summary. */
  label: string;
  /** The short session date. */
  date: string;
  /** `(generated observation)`-style tag for generated units; empty for dialogue. */
  tag: string;
  /** The speaker, when there is one. */
  speaker: string | undefined;
  /** The text. */
  text: string;
  /** An image caption, when there is one. */
  imageCaption: string | undefined;
}

/**
 * Renders a unit as a prompt line.
 *
 * @example
 * ```ts
 * import { unitLine } from "./unit_line.ts";
 * unitLine({ label: "D1:3", date: "8 May 2023", tag: "", speaker: "Caroline", text: "Hi!",
 *   imageCaption: undefined }); // "[D1:3 | 8 May 2023] Caroline: Hi!"
 * ```
 */
export function unitLine(parts: UnitLineParts): string {
  const head = `[${parts.label} | ${parts.date}]`;
  const tag = parts.tag === "" ? "" : ` ${parts.tag}`;
  const who = parts.speaker === undefined ? "" : ` ${parts.speaker}:`;
  const image = parts.imageCaption === undefined ? "" : ` [shared image: ${parts.imageCaption}]`;
  const text = parts.text.replace(/\s+/g, " ").trim();
  return `${head}${tag}${who} ${text}${image}`;
}
