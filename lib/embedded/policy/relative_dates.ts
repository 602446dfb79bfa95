/**
 * Session dates and the dates that relative time words in a line point to.
 *
 * LOCOMO's temporal answers are written relative to the session date ("7 May 2023" for
 * "yesterday" on 8 May 2023, "The week before 25 May 2023" for "last week"), so the policy
 * offers those resolved forms as candidates next to the literal spans.
 *
 * @module
 */

import { MONTH_NAMES } from "../../data/mod.ts";
import type { LineToken } from "./line_tokens.ts";

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/** A calendar day. */
export interface DayDate {
  /** Day of month, 1–31. */
  day: number;
  /** Month, 1–12. */
  month: number;
  /** Four-digit year. */
  year: number;
}

/** Parses `8 May 2023` (also `8 May, 2023`); `null` for anything else. */
export function parseDayDate(text: string): DayDate | null {
  const m = /^(\d{1,2}) ([A-Z][a-z]+),? (\d{4})$/.exec(text.trim());
  if (!m) return null;
  const month = MONTH_NAMES.indexOf(m[2]!) + 1;
  if (month === 0) return null;
  return { day: Number(m[1]), month, year: Number(m[3]) };
}

/** Formats a day as `8 May 2023`. */
export function formatDay(d: DayDate): string {
  return `${d.day} ${MONTH_NAMES[d.month - 1]} ${d.year}`;
}

/** Formats a month as `May 2023`. */
export function formatMonth(month: number, year: number): string {
  return `${MONTH_NAMES[month - 1]} ${year}`;
}

function shiftDays(d: DayDate, days: number): DayDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { day: t.getUTCDate(), month: t.getUTCMonth() + 1, year: t.getUTCFullYear() };
}

function shiftMonths(d: DayDate, months: number): [number, number] {
  const index = d.year * 12 + (d.month - 1) + months;
  return [(index % 12) + 1, Math.floor(index / 12)];
}

/** A resolved relative date found in a line. */
export interface RelativeDate {
  /** The candidate answer text, e.g. `The week before 8 May 2023`. */
  text: string;
  /** Index of the first token of the time expression. */
  start: number;
  /** Index one past its last token. */
  end: number;
}

const COUNT_WORDS: Record<string, number> = {
  a: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  few: 3,
};

/**
 * Resolves relative time expressions of a line (`yesterday`, `last week`, `last Friday`,
 * `next month`, `last year`, `two years ago`, `today`…) against the line's session date.
 *
 * @example
 * ```ts
 * import { lineTokens } from "./line_tokens.ts";
 * import { relativeDates } from "./relative_dates.ts";
 * relativeDates(lineTokens("I went yesterday"), { day: 8, month: 5, year: 2023 })[0]?.text;
 * // "7 May 2023"
 * ```
 */
export function relativeDates(tokens: readonly LineToken[], date: DayDate): RelativeDate[] {
  const out: RelativeDate[] = [];
  const add = (text: string, start: number, end: number) => out.push({ text, start, end });
  const day = formatDay(date);
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i]!.norm;
    const next = tokens[i + 1]?.norm ?? "";
    if (w === "yesterday") add(formatDay(shiftDays(date, -1)), i, i + 1);
    else if (w === "today" || w === "tonight") add(day, i, i + 1);
    else if (w === "tomorrow") add(formatDay(shiftDays(date, 1)), i, i + 1);
    else if (w === "last" || w === "next" || w === "this") {
      const dir = w === "last" ? "before" : "after";
      if (next === "week" || next === "weekend") {
        add(w === "this" ? `This ${next} of ${day}` : `The ${next} ${dir} ${day}`, i, i + 2);
      } else if (WEEKDAYS.includes(next)) {
        add(`The ${next} ${dir} ${day}`, i, i + 2);
      } else if (next === "month") {
        const [m, y] = shiftMonths(date, w === "last" ? -1 : w === "next" ? 1 : 0);
        add(formatMonth(m, y), i, i + 2);
      } else if (next === "year") {
        add(String(date.year + (w === "last" ? -1 : w === "next" ? 1 : 0)), i, i + 2);
      }
    } else if (next === "ago" || tokens[i + 2]?.norm === "ago") {
      const count = COUNT_WORDS[w] ?? (Number(w) || 0);
      const unit = tokens[i + 1]?.norm.replace(/s$/, "") ?? "";
      if (count > 0 && unit === "year") add(String(date.year - count), i, i + 3);
      else if (count > 0 && unit === "month") {
        const [m, y] = shiftMonths(date, -count);
        add(formatMonth(m, y), i, i + 3);
      } else if (count > 0 && unit === "week") {
        add(`${capitalise(w)} weeks before ${day}`.replace(/^A weeks/, "The week"), i, i + 3);
      } else if (count > 0 && unit === "day") add(formatDay(shiftDays(date, -count)), i, i + 3);
    }
  }
  return out;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
