/**
 * The Python string semantics the official LOCOMO scorer relies on, reproduced in TypeScript:
 * `str.lower()`, `str.split()` / `str.strip()` without arguments, `str(x)` of a JSON number, and
 * the `regex` module's Unicode-aware word characters (for `\b`).
 *
 * JavaScript differs in each: `\s` includes U+FEFF but not U+001C–U+001F or U+0085, `\b` is
 * ASCII-only, `toLowerCase()` follows a newer Unicode than Python 3.11 (Unicode 14), and
 * `String(1e16)` is not Python's `1e+16`.
 *
 * @module
 */

import { PY_UNASSIGNED_RANGES, PY_WORD_RANGES } from "./python_unicode_data.ts";

/** Python's `str.isspace()` characters: what `str.split()` and `str.strip()` cut on. */
const PY_SPACE_CLASS =
  "\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const PY_SPACE_RUN = new RegExp(`[${PY_SPACE_CLASS}]+`, "u");
const PY_STRIP = new RegExp(`^[${PY_SPACE_CLASS}]+|[${PY_SPACE_CLASS}]+$`, "gu");
const NON_ASCII = /[\u0080-\uffff]/;

/** Decodes a range table of python_unicode_data.ts into sorted [start, end] pairs. */
function decodeRanges(encoded: string): Uint32Array {
  const numbers = encoded.split(",").map((part) => parseInt(part, 36));
  const out = new Uint32Array(numbers.length);
  let next = 0;
  for (let i = 0; i + 1 < numbers.length; i += 2) {
    const start = next + (numbers[i] as number);
    const end = start + (numbers[i + 1] as number);
    out[i] = start;
    out[i + 1] = end;
    next = end + 1;
  }
  return out;
}

function inRanges(ranges: Uint32Array, cp: number): boolean {
  let lo = 0;
  let hi = ranges.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < (ranges[2 * mid] as number)) hi = mid - 1;
    else if (cp > (ranges[2 * mid + 1] as number)) lo = mid + 1;
    else return true;
  }
  return false;
}

const WORD = decodeRanges(PY_WORD_RANGES);
const UNASSIGNED = decodeRanges(PY_UNASSIGNED_RANGES);

function hex(cp: number): string {
  return cp.toString(16).padStart(4, "0");
}

function rangesClass(ranges: Uint32Array): string {
  let out = "";
  for (let i = 0; i < ranges.length; i += 2) {
    const a = ranges[i] as number;
    const b = ranges[i + 1] as number;
    out += a === b ? `\\u{${hex(a)}}` : `\\u{${hex(a)}}-\\u{${hex(b)}}`;
  }
  return out;
}

/** A regex character class matching Python `regex`'s word characters (for lookarounds). */
export const PY_WORD_CHAR_CLASS: string = `[${rangesClass(WORD)}]`;

/** Whether the code point `cp` is a word character for Python's `regex` module (`\w`). */
export function isPyWordChar(cp: number): boolean {
  if (cp < 0x80) {
    return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) ||
      (cp >= 0x61 && cp <= 0x7a) || cp === 0x5f;
  }
  return inRanges(WORD, cp);
}

/** Whether the code point `cp` is unassigned in Python's Unicode database (category Cn). */
export function isPyUnassigned(cp: number): boolean {
  return cp >= 0x80 && inRanges(UNASSIGNED, cp);
}

/**
 * Python's `str.lower()`: full case mapping (so `"İ"` becomes `"i̇"`, two code points) with the
 * final-sigma rule, from Python's Unicode version. Code points Python leaves unassigned stay as
 * they are even where JavaScript's newer Unicode lowercases them.
 */
export function pyLower(s: string): string {
  if (!NON_ASCII.test(s)) return s.toLowerCase();
  let out = "";
  let segmentStart = 0;
  let i = 0;
  while (i < s.length) {
    const cp = s.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    if (isPyUnassigned(cp)) {
      // Unassigned code points are neither cased nor case-ignorable in Python, so they end the
      // final-sigma context exactly as a segment boundary does.
      out += s.slice(segmentStart, i).toLowerCase() + s.slice(i, i + width);
      segmentStart = i + width;
    }
    i += width;
  }
  return segmentStart === 0 ? s.toLowerCase() : out + s.slice(segmentStart).toLowerCase();
}

/** Python's `str.split()` without arguments: split on runs of Python whitespace, no empty parts. */
export function pySplit(s: string): string[] {
  const parts = s.split(PY_SPACE_RUN);
  if (parts.length > 0 && parts[0] === "") parts.shift();
  if (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  return parts;
}

/** Python's `str.strip()` without arguments: remove Python whitespace at both ends. */
export function pyStrip(s: string): string {
  return s.replace(PY_STRIP, "");
}

/** Python's `repr()`/`str()` of a float, e.g. `1e+16`, `0.0001`, `1e-05`, `2.5`, `-0.0`. */
function pyFloatStr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mantissa, exponentText] = Math.abs(x).toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "");
  const exponent = Number(exponentText);
  const sign = x < 0 ? "-" : "";
  if (exponent < -4 || exponent >= 16) {
    const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expSign = exponent < 0 ? "-" : "+";
    return `${sign}${body}e${expSign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  if (digits.length <= exponent + 1) return `${sign}${digits.padEnd(exponent + 1, "0")}.0`;
  return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}

/**
 * Python's `str()` of a gold answer read from JSON: strings unchanged, integral numbers below
 * 1e21 as the decimal digits of a Python int (Python parses `2022` as an int), other numbers as
 * Python floats (`2.5`, `1e-05`, `1.5e+300`). A JSON `2.0` arrives in JavaScript as the integer 2
 * and so prints `2` where Python prints `2.0`; LOCOMO's numeric answers are all integers.
 */
export function pyStr(value: string | number): string {
  if (typeof value === "string") return value;
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return BigInt(value).toString();
  return pyFloatStr(value);
}
