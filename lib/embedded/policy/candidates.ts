/**
 * The answers the extractive policy can give for one prompt: word spans of the memory lines,
 * the lines' session dates and their parts, dates resolved from relative time words, the
 * lines' speakers, and, for a yes/no question, `Yes` and `No`.
 *
 * @module
 */

import { type LineToken, lineTokens } from "./line_tokens.ts";
import type { ReadMemoryLine } from "./prompt_reader.ts";
import { formatMonth, parseDayDate, relativeDates } from "./relative_dates.ts";

/** Where a candidate comes from. */
export type CandidateKind = "span" | "day" | "month" | "year" | "relative" | "speaker" | "yesno";

/** Every {@link CandidateKind}, in a fixed order. */
export const CANDIDATE_KINDS: readonly CandidateKind[] = [
  "span",
  "day",
  "month",
  "year",
  "relative",
  "speaker",
  "yesno",
];

/** The answers of the yes/no form, offered after the spans for a yes/no question. */
export const YES_NO_ANSWERS: readonly string[] = ["Yes", "No"];

/** The yes/no form's candidates, in {@link YES_NO_ANSWERS} order (from no line: `line` −1). */
export function yesNoCandidates(): Candidate[] {
  return YES_NO_ANSWERS.map((text) => ({
    text,
    key: normaliseAnswer(text),
    line: -1,
    start: -1,
    end: -1,
    kind: "yesno",
  }));
}

/** One candidate answer. */
export interface Candidate {
  /** The answer text the policy would output. */
  text: string;
  /** {@link normaliseAnswer} of the text (how completions are matched back). */
  key: string;
  /** Index of the memory line it comes from (`-1` for `Yes`/`No`). */
  line: number;
  /** First token index in the line (`-1` for dates and speakers, which are not in the text). */
  start: number;
  /** One past the last token index (`-1` when not in the text). */
  end: number;
  /** Its origin. */
  kind: CandidateKind;
}

/** A memory line with its tokens. */
export interface TokenisedLine extends ReadMemoryLine {
  /** The text's tokens. */
  tokens: LineToken[];
}

/** Limits of candidate enumeration. */
export interface CandidateLimits {
  /** Longest word span. */
  maxSpanLength: number;
  /** Most candidates per prompt (lines are visited in rank order). */
  maxCandidates: number;
  /** Whether relative time words are resolved into date candidates. */
  relativeDates: boolean;
}

/** Lowercase, punctuation removed, whitespace collapsed: how answer texts are compared. */
export function normaliseAnswer(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}\s]+/gu, " ").replace(/\s+/g, " ").trim();
}

function spanText(tokens: readonly LineToken[], start: number, end: number): string {
  const parts: string[] = [];
  for (let i = start; i < end; i++) {
    const t = tokens[i]!;
    parts.push(i < end - 1 && t.commaAfter ? `${t.surface},` : t.surface);
  }
  return parts.join(" ");
}

/**
 * Enumerates the candidates of the tokenised lines, line by line in rank order: the date forms
 * (`8 May 2023`, `May 2023`, `2023`), resolved relative dates, the speaker, then every word
 * span of 1…`maxSpanLength` tokens that stays within one sentence and neither starts nor ends
 * with a stopword. Stops at `maxCandidates`.
 */
export function enumerateCandidates(
  lines: readonly TokenisedLine[],
  limits: CandidateLimits,
): Candidate[] {
  const out: Candidate[] = [];
  const push = (c: Omit<Candidate, "key">): boolean => {
    if (out.length >= limits.maxCandidates) return false;
    const key = normaliseAnswer(c.text);
    if (key !== "") out.push({ ...c, key });
    return true;
  };
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l]!;
    const day = parseDayDate(line.date);
    if (day) {
      push({ text: line.date.replace(",", ""), line: l, start: -1, end: -1, kind: "day" });
      push({ text: formatMonth(day.month, day.year), line: l, start: -1, end: -1, kind: "month" });
      push({ text: String(day.year), line: l, start: -1, end: -1, kind: "year" });
      if (limits.relativeDates) {
        for (const r of relativeDates(line.tokens, day)) {
          push({ text: r.text, line: l, start: r.start, end: r.end, kind: "relative" });
        }
      }
    } else if (line.date !== "") {
      push({ text: line.date, line: l, start: -1, end: -1, kind: "day" });
    }
    if (line.speaker !== "") {
      push({ text: line.speaker, line: l, start: -1, end: -1, kind: "speaker" });
    }
    const tokens = line.tokens;
    for (let s = 0; s < tokens.length; s++) {
      if (tokens[s]!.stop) continue;
      for (let e = s + 1; e <= Math.min(tokens.length, s + limits.maxSpanLength); e++) {
        const last = tokens[e - 1]!;
        if (!last.stop) {
          const text = spanText(tokens, s, e);
          if (!push({ text, line: l, start: s, end: e, kind: "span" })) return out;
        }
        if (last.sentenceEnd || last.inCaption !== tokens[s]!.inCaption) break;
      }
    }
    if (out.length >= limits.maxCandidates) break;
  }
  return out;
}

/** Tokenises read memory lines. */
export function tokeniseLines(lines: readonly ReadMemoryLine[]): TokenisedLine[] {
  return lines.map((line) => ({ ...line, tokens: lineTokens(line.text) }));
}
