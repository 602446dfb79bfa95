/**
 * Where in a memory line the question's words are: per-sentence overlap with the question and
 * the overlap of a span's neighbourhood. Memory lines often hold several sentences, and the
 * answer is usually a short phrase in the one sentence that restates the question.
 *
 * @module
 */

import type { LineToken } from "./line_tokens.ts";

/** The sentence structure of one line, with each sentence's overlap with the question. */
export interface LineSentences {
  /** Sentence index of every token. */
  sentenceOf: number[];
  /** IDF-weighted share of the question's content words in each sentence (0…1). */
  overlap: number[];
}

/** Question words with their IDF weights, for overlap sums. */
export interface QuestionTerms {
  /** IDF weight by stem (content words of the question; named speakers excluded). */
  weight: ReadonlyMap<string, number>;
  /** Sum of the weights (0 when the question has no content word). */
  total: number;
}

/**
 * Splits a line's tokens into sentences (a token with `sentenceEnd` closes one) and scores each
 * sentence by the IDF-weighted share of question terms it contains.
 *
 * @example
 * ```ts
 * import { lineTokens } from "./line_tokens.ts";
 * import { lineSentences } from "./sentence_overlap.ts";
 * const s = lineSentences(lineTokens("Hi there. I adopted a cat."), {
 *   weight: new Map([["cat", 1]]),
 *   total: 1,
 * });
 * // s.sentenceOf = [0, 0, 1, 1, 1, 1]; s.overlap = [0, 1]
 * ```
 */
export function lineSentences(tokens: readonly LineToken[], terms: QuestionTerms): LineSentences {
  const sentenceOf: number[] = [];
  const seen: Set<string>[] = [new Set()];
  for (const token of tokens) {
    sentenceOf.push(seen.length - 1);
    if (!token.stop) seen[seen.length - 1]!.add(token.stem);
    if (token.sentenceEnd) seen.push(new Set());
  }
  if (seen.length > 1 && seen[seen.length - 1]!.size === 0 && tokens.length > 0) {
    const last = tokens[tokens.length - 1]!;
    if (last.sentenceEnd) seen.pop();
  }
  const overlap = seen.map((stems) => shareOf(stems, terms));
  return { sentenceOf, overlap };
}

/**
 * The IDF-weighted share of question terms among the tokens within `radius` tokens before and
 * after `[start, end)` (the span itself excluded), in the same line.
 */
export function windowOverlap(
  tokens: readonly LineToken[],
  start: number,
  end: number,
  radius: number,
  terms: QuestionTerms,
): number {
  const stems = new Set<string>();
  for (let i = Math.max(0, start - radius); i < Math.min(tokens.length, end + radius); i++) {
    if (i >= start && i < end) continue;
    const t = tokens[i]!;
    if (!t.stop) stems.add(t.stem);
  }
  return shareOf(stems, terms);
}

function shareOf(stems: ReadonlySet<string>, terms: QuestionTerms): number {
  if (terms.total === 0) return 0;
  let sum = 0;
  for (const [stem, w] of terms.weight) if (stems.has(stem)) sum += w;
  return sum / terms.total;
}
