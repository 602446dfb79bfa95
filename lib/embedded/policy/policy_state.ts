/**
 * The JSON snapshot of an extractive policy and its validation on restore.
 *
 * @module
 */

import { z } from "../../deps.ts";
import { DECISION_FEATURES, FEATURE_GROUPS, SPAN_FEATURES, SPAN_GROUPS } from "./feature_layout.ts";
import type { OptimizerState } from "./optimizer.ts";
import { type ExtractivePolicyConfig, resolvePolicyOptions } from "./policy_options.ts";

/** The `format` tag of a snapshot. */
export const POLICY_STATE_FORMAT = "memgrpo.extractive-policy";

/** Everything an extractive policy is, as JSON. */
export interface ExtractivePolicyState {
  /** Always {@link POLICY_STATE_FORMAT}. */
  format: typeof POLICY_STATE_FORMAT;
  /** Layout version (1). */
  version: 1;
  /** The resolved options. */
  config: ExtractivePolicyConfig;
  /**
   * The feature names in weight order: the decision weights, the span weights, then the
   * answer-form weights (one per decision feature, in the same order).
   */
  featureNames: { decision: string[]; span: string[] };
  /** Current weights. */
  weights: number[];
  /** Frozen reference weights (the initial ones). */
  reference: number[];
  /** Optimizer state. */
  optimizer: OptimizerState;
  /** Gradient accumulated since the last optimizer step, and how many groups it holds. */
  accumulation: { grad: number[]; groups: number };
  /** Optimizer steps taken. */
  globalStep: number;
  /** State of the policy's own sampling stream. */
  rng: number[];
  /** Completions skipped so far because they matched no candidate. */
  skippedCompletions: number;
}

/** A snapshot could not be restored: wrong shape, or saved with another feature layout. */
export class PolicyStateError extends TypeError {
  /** Where in the snapshot the problem is (e.g. `weights`). */
  readonly path: string;
  /** What was expected there. */
  readonly expected: string;

  /** Creates the error; `cause` carries the validator's report when there is one. */
  constructor(path: string, expected: string, message: string, options?: { cause?: unknown }) {
    super(`Invalid extractive policy snapshot at ${path || "(top)"}: ${message}`, options);
    this.name = "PolicyStateError";
    this.path = path;
    this.expected = expected;
  }
}

const numbers = z.array(z.number());
const schema = z.object({
  format: z.literal(POLICY_STATE_FORMAT),
  version: z.literal(1),
  config: z.object({
    seed: z.number().int(),
    maxSpanLength: z.number().int().positive(),
    maxCandidates: z.number().int().positive(),
    relativeDates: z.boolean(),
    disabledFeatureGroups: z.array(z.enum(FEATURE_GROUPS as [string, ...string[]])),
    prior: z.enum(["hand", "zero"]),
    answerBias: z.number(),
    yesNoBias: z.number(),
    optimizer: z.enum(["adam", "sgd"]),
    learningRateScale: z.number().nonnegative(),
    warmupSteps: z.number().int().nonnegative(),
    learningRateDecaySteps: z.number().nonnegative(),
    decisionLearningRate: z.number().nonnegative(),
    formLearningRate: z.number().nonnegative(),
    adamBeta1: z.number(),
    adamBeta2: z.number(),
    adamEpsilon: z.number(),
    minMatchF1: z.number(),
    cacheSize: z.number().int().positive(),
  }).strict(),
  featureNames: z.object({ decision: z.array(z.string()), span: z.array(z.string()) }),
  weights: numbers,
  reference: numbers,
  optimizer: z.object({ m: numbers, v: numbers, t: z.number().int().nonnegative() }),
  accumulation: z.object({ grad: numbers, groups: z.number().int().nonnegative() }),
  globalStep: z.number().int().nonnegative(),
  rng: numbers,
  skippedCompletions: z.number().int().nonnegative(),
}).strict();

/** The span features a snapshot saved before the yes/no answer form has (no `yesno` group). */
const SPAN_FEATURES_BEFORE_YES_NO = SPAN_FEATURES.filter((name) =>
  !SPAN_GROUPS.yesno!.includes(name)
);

/**
 * A snapshot saved before the yes/no answer form (no `yesNoBias` in its config, no `yesno` span
 * features, no form weights) as this version's: the `yesno` span weights 0 and the form weights
 * those of a new policy (bias `yesNoBias`, the rest 0), with zero optimizer moments and gradient.
 * Its greedy answers do not change (a form logit ≤ 0 keeps spans). Anything else is returned as
 * it is.
 */
function upgradeSnapshot(state: unknown): unknown {
  const s = state as Partial<ExtractivePolicyState> | null;
  const config = s?.config as Partial<ExtractivePolicyConfig> | undefined;
  const before = DECISION_FEATURES.length + SPAN_FEATURES_BEFORE_YES_NO.length;
  if (
    config === undefined || config === null || "yesNoBias" in config ||
    !sameNames(s?.featureNames?.span, SPAN_FEATURES_BEFORE_YES_NO) ||
    !Array.isArray(s?.weights) || s.weights.length !== before
  ) {
    return state;
  }
  // The new settings and form weights as a new policy has them.
  const { yesNoBias, formLearningRate } = resolvePolicyOptions();
  const added = SPAN_FEATURES.length - SPAN_FEATURES_BEFORE_YES_NO.length;
  const zeros = new Array(DECISION_FEATURES.length).fill(0);
  const form = zeros.map((_, i) => (DECISION_FEATURES[i] === "bias" ? yesNoBias : 0));
  const widen = (xs: unknown, formValues: number[]) =>
    Array.isArray(xs) && xs.length === before
      ? [...xs, ...new Array(added).fill(0), ...formValues]
      : xs;
  return {
    ...s,
    config: { ...config, yesNoBias, formLearningRate },
    featureNames: { ...s!.featureNames, span: [...SPAN_FEATURES] },
    weights: widen(s!.weights, form),
    reference: widen(s!.reference, form),
    optimizer: s!.optimizer && {
      ...s!.optimizer,
      m: widen(s!.optimizer.m, zeros),
      v: widen(s!.optimizer.v, zeros),
    },
    accumulation: s!.accumulation && {
      ...s!.accumulation,
      grad: widen(s!.accumulation.grad, zeros),
    },
  };
}

/** Whether `names` is an array of exactly `expected`, in order. */
function sameNames(names: unknown, expected: readonly string[]): boolean {
  return Array.isArray(names) && names.length === expected.length &&
    names.every((x, i) => x === expected[i]);
}

/**
 * Checks that `state` is a snapshot of this policy version (a snapshot saved before the yes/no
 * answer form is upgraded first).
 *
 * @throws {PolicyStateError} naming the first faulty path.
 */
export function parsePolicyState(state: unknown): ExtractivePolicyState {
  const upgraded = upgradeSnapshot(state);
  // A snapshot of another layout is named as such before its fields are checked one by one.
  const names = (upgraded as Partial<ExtractivePolicyState> | null)?.featureNames;
  if (
    Array.isArray(names?.decision) && Array.isArray(names?.span) &&
    (!sameNames(names.decision, DECISION_FEATURES) || !sameNames(names.span, SPAN_FEATURES))
  ) {
    throw new PolicyStateError(
      "featureNames",
      `${DECISION_FEATURES.length} decision and ${SPAN_FEATURES.length} span features`,
      `saved with another feature layout (${names.decision.length} decision, ` +
        `${names.span.length} span features; this version has ` +
        `${DECISION_FEATURES.length} and ${SPAN_FEATURES.length}), i.e. by another version of ` +
        "the embedded policy: train it again, or use the memgrpo version that wrote it",
    );
  }
  const result = schema.safeParse(upgraded);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new PolicyStateError(issue.path.join("."), "a policy snapshot", issue.message, {
      cause: result.error,
    });
  }
  const s = result.data as ExtractivePolicyState;
  const size = 2 * DECISION_FEATURES.length + SPAN_FEATURES.length;
  for (
    const [path, arr] of [
      ["weights", s.weights],
      ["reference", s.reference],
      ["optimizer.m", s.optimizer.m],
      ["optimizer.v", s.optimizer.v],
      ["accumulation.grad", s.accumulation.grad],
    ] as const
  ) {
    if (arr.length !== size) {
      throw new PolicyStateError(
        path,
        `${size} numbers`,
        `has ${arr.length} numbers, expected ${size}`,
      );
    }
  }
  return s;
}
