/**
 * Parsing of LOCOMO session dates such as `1:56 pm on 8 May, 2023`.
 *
 * @module
 */

/** English month names, January first (as LOCOMO writes them). */
export const MONTH_NAMES: readonly string[] = [
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

const PATTERN = /^\s*(\d{1,2}):(\d{2})\s*(am|pm)\s+on\s+(\d{1,2})\s+([A-Za-z]+),?\s+(\d{4})\s*$/i;

/**
 * Parses a LOCOMO session date into an ISO 8601 local date-time (no zone), e.g.
 * `parseSessionDate("1:56 pm on 8 May, 2023") === "2023-05-08T13:56:00"`.
 *
 * @returns the ISO string, or `undefined` when the text is not a valid LOCOMO date.
 */
export function parseSessionDate(text: string): string | undefined {
  const m = PATTERN.exec(text);
  if (!m) return undefined;
  const [, hh, mm, ampm, dd, monthName, yyyy] = m as unknown as string[];
  const month = MONTH_NAMES.findIndex((name) => name.toLowerCase() === monthName!.toLowerCase());
  let hour = Number(hh);
  const minute = Number(mm);
  const day = Number(dd);
  const year = Number(yyyy);
  if (month < 0 || hour < 1 || hour > 12 || minute > 59) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return undefined;
  if (ampm!.toLowerCase() === "pm" && hour !== 12) hour += 12;
  if (ampm!.toLowerCase() === "am" && hour === 12) hour = 0;
  const p2 = (n: number) => String(n).padStart(2, "0");
  return `${year}-${p2(month + 1)}-${p2(day)}T${p2(hour)}:${p2(minute)}:00`;
}

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
