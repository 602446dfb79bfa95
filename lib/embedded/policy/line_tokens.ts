/**
 * Splitting a memory line's text into the word tokens that answer spans are made of.
 *
 * @module
 */

import { porterStem, STOPWORDS } from "../../text/mod.ts";

/** One word of a memory line. */
export interface LineToken {
  /** The word as written, without surrounding punctuation (internal `'`, `-`, `$`, `.` kept). */
  surface: string;
  /** Lowercase, apostrophes removed, possessive `'s` dropped. */
  norm: string;
  /** Porter stem of {@link LineToken.norm}. */
  stem: string;
  /** Whether {@link LineToken.norm} is a stopword. */
  stop: boolean;
  /** A sentence ends after this token (`.`, `!`, `?`) or a bracket closes. */
  sentenceEnd: boolean;
  /** A comma, colon or semicolon follows this token. */
  commaAfter: boolean;
  /** The token is inside an `[image: …]` caption. */
  inCaption: boolean;
}

const NUMBER_WORDS = new Set([
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "once",
  "twice",
  "thrice",
  "dozen",
  "hundred",
  "thousand",
]);

/** Whether a token is a number (`3`, `$50`, `2,000`) or a number word (`three`, `twice`). */
export function isNumberToken(token: LineToken): boolean {
  return /\d/.test(token.surface) || NUMBER_WORDS.has(token.norm);
}

/** Whether a token starts with an uppercase letter. */
export function isCapitalised(token: LineToken): boolean {
  return /^\p{Lu}/u.test(token.surface);
}

/** Normalises one word as the policy compares words: lowercase, no apostrophes, no `'s`. */
export function normWord(word: string): string {
  return word.toLowerCase().replace(/['’]s$/, "").replace(/['’]/g, "");
}

/**
 * Splits a line's text into tokens on whitespace, stripping punctuation around each word and
 * recording sentence ends, commas and whether the word is in an image caption
 * (`[shared image: …]` or `[image: …]`).
 *
 * @example
 * ```ts
 * import { lineTokens } from "./line_tokens.ts";
 * lineTokens("I went hiking. [shared image: a trail]").map((t) => t.surface);
 * // ["I", "went", "hiking", "a", "trail"]
 * ```
 */
export function lineTokens(text: string): LineToken[] {
  const out: LineToken[] = [];
  const caption = /\[(?:shared )?image:\s*([^\]]*)\]?/i.exec(text);
  const main = caption
    ? text.slice(0, caption.index) + text.slice(caption.index + caption[0].length)
    : text;
  pushTokens(out, main, false);
  if (caption) {
    if (out.length > 0) out[out.length - 1]!.sentenceEnd = true;
    pushTokens(out, caption[1]!, true);
  }
  return out;
}

function pushTokens(out: LineToken[], text: string, inCaption: boolean): void {
  for (const piece of text.split(/\s+/)) {
    if (piece === "") continue;
    const m = /^[^\p{L}\p{N}$]*(.*?)[^\p{L}\p{N}%]*$/u.exec(piece);
    const surface = m ? m[1]! : "";
    const tail = piece.slice(piece.lastIndexOf(surface) + surface.length);
    if (surface !== "") {
      const norm = normWord(surface);
      out.push({
        surface,
        norm,
        stem: porterStem(norm),
        stop: STOPWORDS.has(norm),
        sentenceEnd: /[.!?]/.test(tail),
        commaAfter: /[,;:]/.test(tail),
        inCaption,
      });
    } else if (out.length > 0 && /[.!?]/.test(piece)) {
      out[out.length - 1]!.sentenceEnd = true;
    }
  }
}
