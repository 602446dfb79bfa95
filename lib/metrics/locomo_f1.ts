/**
 * The official LOCOMO per-question score (snap-research/locomo `task_eval/evaluation.py`, commit
 * 9228632, `eval_question_answering`), exactly, down to its `numpy.mean`.
 *
 * @module
 */

import type { Answer } from "../data/mod.ts";
import { isAbstention, pyStr, pyStrip } from "../text/mod.ts";
import { stemmedTokens, tokenF1, tokenListF1 } from "./token_f1.ts";

// `numpy.mean` of float64 values, bit for bit: numpy sums with pairwise summation (blocks of up
// to 128 values, eight partial sums) and then divides by the count.
const BLOCK = 128;

function pairwiseSum(values: readonly number[], start: number, n: number): number {
  if (n < 8) {
    let sum = -0.0;
    for (let i = 0; i < n; i++) sum += values[start + i] as number;
    return sum;
  }
  if (n <= BLOCK) {
    const r = new Float64Array(8);
    for (let j = 0; j < 8; j++) r[j] = values[start + j] as number;
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let j = 0; j < 8; j++) r[j] = (r[j] as number) + (values[start + i + j] as number);
    }
    let sum = ((r[0]! + r[1]!) + (r[2]! + r[3]!)) + ((r[4]! + r[5]!) + (r[6]! + r[7]!));
    for (; i < n; i++) sum += values[start + i] as number;
    return sum;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwiseSum(values, start, half) + pairwiseSum(values, start + half, n - half);
}

/**
 * The arithmetic mean as `numpy.mean` computes it (pairwise summation, then one division).
 *
 * @throws {RangeError} when `values` is empty (numpy would return `nan` with a warning).
 */
export function numpyMean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("numpyMean() needs at least one value, got 0");
  return pairwiseSum(values, 0, values.length) / values.length;
}

/** A gold answer as LOCOMO gives it: a string, a JSON integer, or nothing (category 5). */
export type GoldAnswer = Answer | undefined;

/**
 * The official multi-answer F1 (category 1, `f1` in the official code): split the prediction and
 * the gold on `,` (parts stripped), take for every gold part the best {@link tokenF1} over the
 * prediction parts, and average over the gold parts (`numpy.mean`).
 */
export function multiAnswerF1(prediction: string, gold: string): number {
  const predictions = prediction.split(",").map((part) => stemmedTokens(pyStrip(part)));
  const golds = gold.split(",").map((part) => stemmedTokens(pyStrip(part)));
  return numpyMean(golds.map((g) => {
    let best = 0;
    for (const p of predictions) best = Math.max(best, tokenListF1(p, g));
    return best;
  }));
}

/**
 * The official LOCOMO score of one answer, 0…1.
 *
 * - Categories 2, 3, 4: {@link tokenF1} against `str(answer)`; for category 3 the gold is first cut
 *   at its first `;` (and stripped).
 * - Category 1: {@link multiAnswerF1}.
 * - Category 5: 1 when the lowercased prediction contains `no information available` or
 *   `not mentioned`, else 0; the gold is ignored and may be missing.
 *
 * Integer answers are stringified as Python does (`2022` → `"2022"`). The official code never
 * divides by zero: a side that normalises to nothing shares no token and scores 0.
 *
 * @example locomoF1("She painted a sunset.", "a painting of a sunset", 4) // 2/3
 * @throws {RangeError} when `category` is not 1–5 (the official code raises `ValueError`).
 * @throws {TypeError} when `answer` is missing for categories 1–4 (the official code would
 *   raise `KeyError`), or when `prediction` is not a string.
 */
export function locomoF1(
  prediction: string,
  answer: Answer | undefined,
  category: number,
): number {
  if (typeof prediction !== "string") {
    throw new TypeError(`locomoF1(): prediction must be a string, got ${typeof prediction}`);
  }
  if (category === 5) return isAbstention(prediction) ? 1 : 0;
  if (category !== 1 && category !== 2 && category !== 3 && category !== 4) {
    throw new RangeError(`locomoF1(): unknown LOCOMO category ${category} (expected 1–5)`);
  }
  if (typeof answer !== "string" && typeof answer !== "number") {
    throw new TypeError(
      `locomoF1(): category ${category} needs a string or number gold answer, got ${answer}`,
    );
  }
  let gold = pyStr(answer);
  if (category === 3) gold = pyStrip(gold.split(";")[0] as string);
  return category === 1 ? multiAnswerF1(prediction, gold) : tokenF1(prediction, gold);
}
