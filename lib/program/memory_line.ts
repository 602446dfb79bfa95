/**
 * The one text format of a memory line in a prompt, shared by the program's renderer and the
 * embedded policy's reader (which sees only the chat messages, like a real LM).
 *
 * @module
 */

/** What a memory line shows. */
export interface MemoryLineInput {
  /** Turn ids of the unit, e.g. `["D1:3"]`. */
  diaIds: readonly string[];
  /** The session date, ISO (`2023-05-08T13:56:00`) or already human-readable. */
  date: string;
  /** The speaker; empty for generated units. */
  speaker: string;
  /** The text. */
  text: string;
  /** A shared image's caption, if any. */
  imageCaption?: string;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** Renders an ISO date (`2023-05-08…`) as `8 May 2023`; other text is returned unchanged. */
export function humanDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) return date;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

/**
 * Formats one memory line: `[D1:3 | 8 May 2023] Caroline: text [image: caption]`.
 *
 * @example
 * ```ts
 * import { formatMemoryLine } from "./memory_line.ts";
 * formatMemoryLine({ diaIds: ["D1:3"], date: "2023-05-08T13:56:00", speaker: "Caroline", text: "Hi" });
 * // "[D1:3 | 8 May 2023] Caroline: Hi"
 * ```
 */
export function formatMemoryLine(unit: MemoryLineInput): string {
  const ids = unit.diaIds.join(",");
  const who = unit.speaker ? `${unit.speaker}: ` : "";
  const image = unit.imageCaption ? ` [image: ${unit.imageCaption}]` : "";
  const text = `${unit.text}${image}`.replace(/\s*\n\s*/g, " ");
  return `[${ids} | ${humanDate(unit.date)}] ${who}${text}`;
}

/** The pattern a reader uses to parse a memory line back: groups are ids, date, rest. */
export const MEMORY_LINE_PATTERN: RegExp = /^\[([^\]|]*?) \| ([^\]]*)\] (.*)$/;

/** The prefix of the question line in the user message. */
export const QUESTION_PREFIX = "Question: ";

/** The header that precedes memory lines in the user message. */
export const MEMORY_HEADER = "Memories from the conversation (most relevant first):";
