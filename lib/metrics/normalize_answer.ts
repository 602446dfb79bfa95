/**
 * The official LOCOMO answer normalisation (`normalize_answer` of snap-research/locomo
 * `task_eval/evaluation.py`).
 *
 * @module
 */

import { PY_WORD_CHAR_CLASS, pyLower, pySplit } from "./python_text.ts";

/** Python's `string.punctuation`: the 32 ASCII punctuation characters. */
const ASCII_PUNCTUATION = /[!-\/:-@\[-`{-~]/g;

/**
 * `\b(a|an|the|and)\b` with the `regex` module's Unicode word characters: a lookbehind and a
 * lookahead on the same class stand in for the two boundaries.
 */
const ARTICLES = new RegExp(
  `(?<!${PY_WORD_CHAR_CLASS})(?:a|an|the|and)(?!${PY_WORD_CHAR_CLASS})`,
  "gu",
);

/**
 * Normalises an answer as the official scorer does, in this order: remove every `,`; lowercase
 * (Python `str.lower()`); remove ASCII punctuation (`string.punctuation`); replace the whole
 * words `a`, `an`, `the`, `and` with a space (Unicode-aware word boundaries); collapse whitespace
 * (Python `str.split()`, joined by single spaces).
 *
 * @example normalizeAnswer("The cat, and A dog!") === "cat dog"
 */
export function normalizeAnswer(s: string): string {
  const lowered = pyLower(s.replaceAll(",", ""));
  const noPunctuation = lowered.replace(ASCII_PUNCTUATION, "");
  return pySplit(noPunctuation.replace(ARTICLES, " ")).join(" ");
}
