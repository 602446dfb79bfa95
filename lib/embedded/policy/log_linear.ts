/**
 * The log-linear policy's probabilities and their exact gradients.
 *
 * Parameters are one vector θ = [decision weights | span weights | form weights]. The decision
 * is Bernoulli: p(answer) = σ(a / T) with a = w_d·φ_d. Given an answer, the span is a softmax
 * over the candidates with logits w_s·φ_c / T. A completion's log-probability is
 * log p(decision) + log p(span | answer), where an answer text shown by several candidates counts
 * all of them: log Σ_{c∈M} p_c. When the prompt offers yes/no answers, an answer first takes a
 * form: yes/no with p = σ(f / T), f = w_f·φ_d (the decision features, their own weights), else a
 * span; the candidate is then a softmax within its form.
 *
 * @module
 */

import { DECISION_FEATURES, SPAN_FEATURES } from "./feature_layout.ts";
import type { PromptFeatures } from "./prompt_features.ts";

/** Number of decision weights (they come first in θ). */
export const DECISION_SIZE: number = DECISION_FEATURES.length;
/** Number of span weights (after the decision weights). */
export const SPAN_SIZE: number = SPAN_FEATURES.length;
/** Where the answer-form weights start: one per decision feature, after the span weights. */
export const FORM_OFFSET: number = DECISION_SIZE + SPAN_SIZE;
/** Total number of parameters. */
export const PARAMETER_SIZE: number = FORM_OFFSET + DECISION_SIZE;

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
  /** The answer-form logit (yes/no against span) / T; −∞ without yes/no candidates. */
  formLogit: number;
  /** p(yes/no form | answer); 0 without yes/no candidates. */
  pYesNo: number;
  /** Candidate logits / T (compared within their form). */
  logits: Float64Array;
  /** log Σ exp(logits) over the span-form candidates. */
  logZ: number;
  /** log Σ exp(logits) over the yes/no candidates (−∞ without them). */
  logZYesNo: number;
  /** Candidate probabilities given an answer (form and candidate). */
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

function logSumExp(xs: Float64Array, from: number, to: number): number {
  let max = -Infinity;
  for (let c = from; c < to; c++) if (xs[c]! > max) max = xs[c]!;
  if (max === -Infinity) return -Infinity;
  let sum = 0;
  for (let c = from; c < to; c++) sum += Math.exp(xs[c]! - max);
  return max + Math.log(sum);
}

/** Computes the distribution for `theta` at inverse temperature `invT` (1 / T). */
export function distribution(pf: PromptFeatures, theta: Float64Array, invT: number): Distribution {
  let a = 0;
  let form = 0;
  for (let f = 0; f < DECISION_SIZE; f++) {
    a += theta[f]! * pf.decision[f]!;
    form += theta[FORM_OFFSET + f]! * pf.decision[f]!;
  }
  a *= invT;
  const n = pf.candidates.length;
  const nS = pf.spanCount;
  const logits = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    let z = 0;
    const row = c * SPAN_SIZE;
    for (let f = 0; f < SPAN_SIZE; f++) z += theta[DECISION_SIZE + f]! * pf.span[row + f]!;
    logits[c] = z * invT;
  }
  const logZ = logSumExp(logits, 0, nS);
  const logZYesNo = logSumExp(logits, nS, n);
  const formLogit = nS < n ? form * invT : -Infinity;
  const pYesNo = nS < n ? sigmoid(formLogit) : 0;
  const probs = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    probs[c] = c < nS
      ? (1 - pYesNo) * Math.exp(logits[c]! - logZ)
      : pYesNo * Math.exp(logits[c]! - logZYesNo);
  }
  return {
    decisionLogit: a,
    pAnswer: n === 0 ? 0 : sigmoid(a),
    formLogit,
    pYesNo,
    logits,
    logZ,
    logZYesNo,
    probs,
  };
}

/** log p(candidate `c` | answer): its form's probability, then the candidate's within it. */
function logConditional(pf: PromptFeatures, dist: Distribution, c: number): number {
  return c < pf.spanCount
    ? -softplus(dist.formLogit) + dist.logits[c]! - dist.logZ
    : -softplus(-dist.formLogit) + dist.logits[c]! - dist.logZYesNo;
}

/** Adds `scale · (Σ_{c∈[from,to)} p_c φ_c)` of the form's own softmax to the span gradient. */
function addExpectedSpan(
  pf: PromptFeatures,
  dist: Distribution,
  grad: Float64Array,
  scale: number,
  from: number,
  to: number,
): void {
  const logZ = from === 0 ? dist.logZ : dist.logZYesNo;
  for (let c = from; c < to; c++) {
    const w = Math.exp(dist.logits[c]! - logZ) * scale;
    if (w === 0) continue;
    const row = c * SPAN_SIZE;
    for (let f = 0; f < SPAN_SIZE; f++) grad[DECISION_SIZE + f]! += w * pf.span[row + f]!;
  }
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
  const nS = pf.spanCount;
  const logs = action.matches.map((c) => logConditional(pf, dist, c));
  const top = Math.max(...logs);
  let sum = 0;
  for (const l of logs) sum += Math.exp(l - top);
  const logMass = top + Math.log(sum);
  const logp = -softplus(-a) + logMass;
  if (grad) {
    const g = (1 - sigmoid(a)) * invT * scale;
    for (let f = 0; f < DECISION_SIZE; f++) grad[f]! += g * pf.decision[f]!;
    // ∇ log Σ_M p_c = Σ_M q_c ∇ log p_c, q = p restricted to M and renormalised; for a
    // candidate of form g, ∇ log p_c = ∇ log p(g) + invT · (φ_c − E_{p(·|g)}[φ]).
    const s = invT * scale;
    let qSpan = 0;
    let qYesNo = 0;
    action.matches.forEach((c, i) => {
      const q = Math.exp(logs[i]! - logMass);
      if (c < nS) qSpan += q;
      else qYesNo += q;
      const row = c * SPAN_SIZE;
      for (let f = 0; f < SPAN_SIZE; f++) grad[DECISION_SIZE + f]! += q * s * pf.span[row + f]!;
    });
    if (qSpan > 0) addExpectedSpan(pf, dist, grad, -qSpan * s, 0, nS);
    if (qYesNo > 0) addExpectedSpan(pf, dist, grad, -qYesNo * s, nS, n);
    if (nS < n) {
      const gf = (qYesNo * (1 - dist.pYesNo) - qSpan * dist.pYesNo) * s;
      for (let f = 0; f < DECISION_SIZE; f++) grad[FORM_OFFSET + f]! += gf * pf.decision[f]!;
    }
  }
  return logp;
}
