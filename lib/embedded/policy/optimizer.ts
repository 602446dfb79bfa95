/**
 * The optimizers of the policy's weights: plain SGD and Adam (bias-corrected), both descending
 * the loss gradient. Their state is plain arrays so snapshots are JSON.
 *
 * @module
 */

/** Which optimizer updates the weights. */
export type OptimizerKind = "adam" | "sgd";

/** Adam's moment estimates and step count (unused by SGD). */
export interface OptimizerState {
  /** First-moment estimates. */
  m: number[];
  /** Second-moment estimates. */
  v: number[];
  /** Optimizer steps taken. */
  t: number;
}

/** Adam's constants. */
export interface AdamConstants {
  /** First-moment decay. */
  beta1: number;
  /** Second-moment decay. */
  beta2: number;
  /** Denominator guard. */
  epsilon: number;
}

/** A fresh optimizer state for `size` parameters. */
export function initialOptimizerState(size: number): OptimizerState {
  return { m: new Array(size).fill(0), v: new Array(size).fill(0), t: 0 };
}

/** Scales `grad` in place so its L2 norm is at most `maxNorm` (`<= 0`: no clipping); returns the norm before. */
export function clipGradNorm(grad: Float64Array, maxNorm: number): number {
  let sq = 0;
  for (let i = 0; i < grad.length; i++) sq += grad[i]! * grad[i]!;
  const norm = Math.sqrt(sq);
  if (maxNorm > 0 && norm > maxNorm) {
    const s = maxNorm / (norm + 1e-6);
    for (let i = 0; i < grad.length; i++) grad[i] = grad[i]! * s;
  }
  return norm;
}

/** Settings of one optimizer step. */
export interface StepSettings {
  /** The learning rate. */
  lr: number;
  /** Adam's constants (unused by SGD). */
  adam: AdamConstants;
  /** Per-parameter learning-rate multipliers (parameter groups). Default: all 1. */
  lrScale?: Float64Array;
}

/** Applies one descent step of `kind` with learning rate `lr` to `theta` in place. */
export function optimizerStep(
  kind: OptimizerKind,
  theta: Float64Array,
  grad: Float64Array,
  state: OptimizerState,
  settings: StepSettings,
): void {
  state.t += 1;
  const { adam, lrScale } = settings;
  const lrOf = (i: number) => settings.lr * (lrScale ? lrScale[i]! : 1);
  if (kind === "sgd") {
    for (let i = 0; i < theta.length; i++) theta[i] = theta[i]! - lrOf(i) * grad[i]!;
    return;
  }
  const c1 = 1 - adam.beta1 ** state.t;
  const c2 = 1 - adam.beta2 ** state.t;
  for (let i = 0; i < theta.length; i++) {
    const g = grad[i]!;
    const m = (state.m[i] = adam.beta1 * state.m[i]! + (1 - adam.beta1) * g);
    const v = (state.v[i] = adam.beta2 * state.v[i]! + (1 - adam.beta2) * g * g);
    theta[i] = theta[i]! - (lrOf(i) * (m / c1)) / (Math.sqrt(v / c2) + adam.epsilon);
  }
}
