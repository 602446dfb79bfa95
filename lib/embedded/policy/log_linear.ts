/**
 * The log-linear policy's probabilities and their exact gradients.
 *
 * Parameters are one vector θ = [decision weights | span weights]. The decision is Bernoulli:
 * p(answer) = σ(a / T) with a = w_d·φ_d. Given an answer, the span is a softmax over the
 * candidates with logits w_s·φ_c / T. A completion's log-probability is
 * log p(decision) + log p(span | answer), where an answer text shown by several candidates counts
 * all of them: log Σ_{c∈M} p_c.
 *
 * @module
 */

import { DECISION_FEATURES, SPAN_FEATURES } from "./feature_layout.ts";
import type { PromptFeatures } from "./prompt_features.ts";

/** Number of decision weights (they come first in θ). */
export const DECISION_SIZE: number = DECISION_FEATURES.length;
/** Number of span weights. */
export const SPAN_SIZE: number = SPAN_FEATURES.length;
/** Total number of parameters. */
export const PARAMETER_SIZE: number = DECISION_SIZE + SPAN_SIZE;

/** A completion mapped onto the policy's actions. */
export type PolicyAction =
  | { abstain: true }
  | { abstain: false; matches: readonly number[] };

/** The policy's distribution over one prompt's actions at one temperature. */
export interface Distribution {
  /** The decision logit a / T. */
  decisionLogit: number;
  /** p(answer); 0 when there are no candidates. */
  pAnswer: number;
  /** Span logits / T. */
  logits: Float64Array;
  /** log Σ exp(logits). */
  logZ: number;
  /** Span probabilities given an answer. */
  probs: Float64Array;
}

/** log(1 + e^x) without overflow. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** The logistic function. */
export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** Computes the distribution for `theta` at inverse temperature `invT` (1 / T). */
export function distribution(pf: PromptFeatures, theta: Float64Array, invT: number): Distribution {
  let a = 0;
  for (let f = 0; f < DECISION_SIZE; f++) a += theta[f]! * pf.decision[f]!;
  a *= invT;
  const n = pf.candidates.length;
  const logits = new Float64Array(n);
  let max = -Infinity;
  for (let c = 0; c < n; c++) {
    let z = 0;
    const row = c * SPAN_SIZE;
    for (let f = 0; f < SPAN_SIZE; f++) z += theta[DECISION_SIZE + f]! * pf.span[row + f]!;
    logits[c] = z * invT;
    if (logits[c]! > max) max = logits[c]!;
  }
  let sum = 0;
  const probs = new Float64Array(n);
  for (let c = 0; c < n; c++) sum += probs[c] = Math.exp(logits[c]! - max);
  for (let c = 0; c < n; c++) probs[c] = probs[c]! / sum;
  const logZ = n === 0 ? -Infinity : max + Math.log(sum);
  return { decisionLogit: a, pAnswer: n === 0 ? 0 : sigmoid(a), logits, logZ, probs };
}

/**
 * The log-probability of an action; when `grad` is given, adds `scale · ∇θ log p` to it.
 * With no candidates, abstaining has log-probability 0 and answering −∞.
 */
export function actionLogProb(
  pf: PromptFeatures,
  dist: Distribution,
  invT: number,
  action: PolicyAction,
  grad?: Float64Array,
  scale = 1,
): number {
  const n = pf.candidates.length;
  if (n === 0) return action.abstain ? 0 : -Infinity;
  const a = dist.decisionLogit;
  if (action.abstain) {
    if (grad) {
      const g = -sigmoid(a) * invT * scale;
      for (let f = 0; f < DECISION_SIZE; f++) grad[f]! += g * pf.decision[f]!;
    }
    return -softplus(a);
  }
  let top = -Infinity;
  for (const c of action.matches) top = Math.max(top, dist.logits[c]!);
  let sum = 0;
  for (const c of action.matches) sum += Math.exp(dist.logits[c]! - top);
  const logMass = top + Math.log(sum);
  const logp = -softplus(-a) + logMass - dist.logZ;
  if (grad) {
    const g = (1 - sigmoid(a)) * invT * scale;
    for (let f = 0; f < DECISION_SIZE; f++) grad[f]! += g * pf.decision[f]!;
    // ∇ log Σ_M p_c = invT · (E_{q_M}[φ] − E_p[φ]), q_M = p restricted to M and renormalised.
    const s = invT * scale;
    for (const c of action.matches) {
      const w = Math.exp(dist.logits[c]! - logMass) * s;
      const row = c * SPAN_SIZE;
      for (let f = 0; f < SPAN_SIZE; f++) grad[DECISION_SIZE + f]! += w * pf.span[row + f]!;
    }
    for (let c = 0; c < n; c++) {
      const w = dist.probs[c]! * s;
      if (w === 0) continue;
      const row = c * SPAN_SIZE;
      for (let f = 0; f < SPAN_SIZE; f++) grad[DECISION_SIZE + f]! -= w * pf.span[row + f]!;
    }
  }
  return logp;
}
