/**
 * The GRPO objective on sequence log-probabilities, as Arbor's trainer (TRL) computes it:
 * group-normalised advantages, the clipped policy ratio and a k3 KL penalty to a reference.
 *
 * @module
 */

/**
 * Group-relative advantages: `r_i − mean`, divided by the sample standard deviation (n − 1)
 * plus 1e-4 when `scaleRewards`. A group whose rewards are all equal gets all-zero advantages.
 *
 * @example
 * ```ts
 * import { groupAdvantages } from "./grpo_objective.ts";
 * groupAdvantages([1, 0], false); // [0.5, -0.5]
 * ```
 */
export function groupAdvantages(rewards: readonly number[], scaleRewards: boolean): number[] {
  const n = rewards.length;
  if (n === 0) return [];
  const mean = rewards.reduce((a, b) => a + b, 0) / n;
  const centred = rewards.map((r) => r - mean);
  if (!scaleRewards) return centred;
  const std = sampleStd(rewards);
  return centred.map((a) => a / (std + 1e-4));
}

/** The sample standard deviation (n − 1); 0 for fewer than two values. */
export function sampleStd(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  return Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
}

/** Inputs of one sequence's GRPO loss. */
export interface SurrogateInput {
  /** log π_θ(completion) with the current weights. */
  logp: number;
  /** log π_old(completion) (the same weights before the update, so the ratio starts at 1). */
  oldLogp: number;
  /** log π_ref(completion) under the frozen reference weights. */
  refLogp: number;
  /** The completion's advantage. */
  advantage: number;
}

/** Clipping and KL settings of the loss. */
export interface SurrogateSettings {
  /** Lower clip range (ratio ≥ 1 − epsilon). */
  epsilon: number;
  /** Upper clip range (ratio ≤ 1 + epsilonHigh). */
  epsilonHigh: number;
  /** KL penalty weight. */
  beta: number;
}

/** One sequence's loss and its derivative with respect to `logp`. */
export interface SurrogateOutput {
  /** −min(ρA, clip(ρ)A) + β·k3. */
  loss: number;
  /** d loss / d logp. */
  dLogp: number;
  /** The k3 estimate exp(ref − logp) − (ref − logp) − 1. */
  kl: number;
  /** Whether the clipped branch was taken (its gradient is 0). */
  clipped: boolean;
}

/**
 * The clipped-ratio GRPO loss of one sequence with a k3 KL penalty (TRL's estimator), and its
 * exact derivative with respect to the sequence log-probability.
 *
 * @example
 * ```ts
 * import { clippedSurrogate } from "./grpo_objective.ts";
 * const out = clippedSurrogate(
 *   { logp: -1, oldLogp: -1, refLogp: -1, advantage: 2 },
 *   { epsilon: 0.2, epsilonHigh: 0.28, beta: 0 },
 * );
 * // out.loss === -2, out.dLogp === -2
 * ```
 */
export function clippedSurrogate(
  input: SurrogateInput,
  settings: SurrogateSettings,
): SurrogateOutput {
  const { logp, oldLogp, refLogp, advantage } = input;
  const ratio = Math.exp(logp - oldLogp);
  const clippedRatio = Math.min(Math.max(ratio, 1 - settings.epsilon), 1 + settings.epsilonHigh);
  const unclippedTerm = ratio * advantage;
  const clippedTerm = clippedRatio * advantage;
  const clipped = clippedTerm < unclippedTerm;
  const surrogate = clipped ? clippedTerm : unclippedTerm;
  const diff = refLogp - logp;
  const kl = Math.exp(diff) - diff - 1;
  const dSurrogate = clipped ? 0 : unclippedTerm;
  return {
    loss: -surrogate + settings.beta * kl,
    dLogp: -dSurrogate + settings.beta * (1 - Math.exp(diff)),
    kl,
    clipped,
  };
}
