/**
 * The official LOCOMO token F1 (`f1_score` of snap-research/locomo `task_eval/evaluation.py`).
 *
 * @module
 */

import { normalizeAnswer, porterStem, pySplit } from "../text/mod.ts";

/** Most distinct tokens whose stems are remembered; the memo is emptied when it is full. */
const STEM_MEMO_LIMIT = 100_000;

/**
 * Memo of {@link porterStem}, a pure function: it changes speed (stemming is most of the cost
 * of a score), never results.
 */
const stemMemo = new Map<string, string>();

function stemToken(token: string): string {
  let stem = stemMemo.get(token);
  if (stem === undefined) {
    if (stemMemo.size >= STEM_MEMO_LIMIT) stemMemo.clear();
    stem = porterStem(token);
    stemMemo.set(token, stem);
  }
  return stem;
}

/** The normalised, stemmed tokens of `s`, in order (duplicates kept). */
export function stemmedTokens(s: string): string[] {
  return pySplit(normalizeAnswer(s)).map(stemToken);
}

/**
 * Token F1 of a prediction against a gold answer: both normalised ({@link normalizeAnswer}),
 * split on whitespace, Porter-stemmed (NLTK), and compared as multisets. 0 when no token is
 * shared (so an empty side scores 0 and nothing divides by zero); otherwise
 * `2PR / (P + R)` with precision `P = common / |prediction|` and recall `R = common / |gold|`,
 * computed in the same floating-point order as the official code.
 *
 * @example tokenF1("painting a sunset", "She painted sunsets") // 0.8
 */
export function tokenF1(prediction: string, gold: string): number {
  return tokenListF1(stemmedTokens(prediction), stemmedTokens(gold));
}

/**
 * The F1 of {@link tokenF1} on token lists already normalised and stemmed (see
 * {@link stemmedTokens}); lets a caller stem each side once when comparing many pairs.
 */
export function tokenListF1(predicted: readonly string[], expected: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const token of expected) counts.set(token, (counts.get(token) ?? 0) + 1);
  let common = 0;
  for (const token of predicted) {
    const left = counts.get(token);
    if (left !== undefined && left > 0) {
      counts.set(token, left - 1);
      common++;
    }
  }
  if (common === 0) return 0;
  const precision = (1.0 * common) / predicted.length;
  const recall = (1.0 * common) / expected.length;
  return (2 * precision * recall) / (precision + recall);
}
