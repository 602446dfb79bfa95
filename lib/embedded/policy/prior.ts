/**
 * The hand-set initial weights ("prior") of the extractive policy.
 *
 * With it, the untrained policy already reads like a cautious extractor: it answers most
 * questions (decision bias +1.5, more when the best memory line overlaps the question, less
 * when the question names a speaker but the best line is someone else's), prefers spans of
 * lines that overlap the question (IDF-weighted), near the matching words, that do not repeat
 * the question, and whose type fits the question word (dates for `when`, numbers for
 * `how many`, capitalised names for `who`/`where`). Every other weight starts at 0, and
 * learning takes it from there. `"zero"` (the default) starts every weight at 0 (uniform spans)
 * except the decision bias, which is `answerBias` (the policy answers, as the prompt tells it
 * to, with probability σ(answerBias) when sampling, and always when greedy, as with a bias of
 * 0): the untrained policy, whose knowledge all comes from GRPO. The hand prior is an
 * already-sensible start (like a prompted LM); issue 7's "2× the untrained score" is measured
 * from the zero start, since the hand prior is itself near what 100 steps reach.
 *
 * @module
 */

import { DECISION_FEATURES, SPAN_FEATURES } from "./feature_layout.ts";

/** Which initial weights a new policy gets. */
export type PriorKind = "hand" | "zero";

const DECISION_PRIOR: Readonly<Record<string, number>> = {
  bias: 1.5,
  max_overlap_idf: 1,
  best_line_other_speaker: -0.5,
};

const SPAN_PRIOR: Readonly<Record<string, number>> = {
  line_overlap_idf: 3,
  line_is_best: 1,
  rank_inv: 0.5,
  proximity: 1.5,
  repeats_question: -3,
  kind_day: -2,
  kind_month: -2.5,
  kind_year: -2.5,
  kind_relative: -2,
  kind_speaker: -1,
  type_fits: 4,
  date_misfit: -1,
  date_superseded: -1,
};

/**
 * The initial weight vector [decision | span | form] for `kind`; `answerBias` is the zero
 * prior's decision bias and `yesNoBias` the answer form's (see `ExtractivePolicyOptions`).
 *
 * @example
 * ```ts
 * import { priorWeights } from "./prior.ts";
 * priorWeights("zero").every((w) => w === 0); // true
 * priorWeights("zero", 2)[0]; // 2 (the decision bias)
 * ```
 */
export function priorWeights(kind: PriorKind, answerBias = 0, yesNoBias = 0): Float64Array {
  const formOffset = DECISION_FEATURES.length + SPAN_FEATURES.length;
  const theta = new Float64Array(formOffset + DECISION_FEATURES.length);
  theta[formOffset + DECISION_FEATURES.indexOf("bias")] = yesNoBias;
  if (kind === "zero") {
    theta[DECISION_FEATURES.indexOf("bias")] = answerBias;
    return theta;
  }
  DECISION_FEATURES.forEach((name, i) => (theta[i] = DECISION_PRIOR[name] ?? 0));
  SPAN_FEATURES.forEach((name, i) => (theta[DECISION_FEATURES.length + i] = SPAN_PRIOR[name] ?? 0));
  return theta;
}
