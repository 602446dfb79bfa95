/**
 * How the official LOCOMO scorer reads an answer's text: its normalisation (`normalize_answer` of
 * snap-research/locomo `task_eval/evaluation.py`) and its recognition of an abstention ("not
 * mentioned") for category 5.
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

/** The phrases the official scorer accepts as a refusal, matched in the lowercased prediction. */
export const ABSTENTION_PHRASES: readonly string[] = ["no information available", "not mentioned"];

/**
 * Whether `prediction` abstains: its Python-lowercased text contains `no information available`
 * or `not mentioned` (so `"Not mentioned in the conversation."` abstains).
 */
export function isAbstention(prediction: string): boolean {
  const lowered = pyLower(prediction);
  return ABSTENTION_PHRASES.some((phrase) => lowered.includes(phrase));
}
