/**
 * The JSON snapshot of an extractive policy and its validation on restore.
 *
 * @module
 */

import { z } from "../../deps.ts";
import { DECISION_FEATURES, FEATURE_GROUPS, SPAN_FEATURES } from "./feature_layout.ts";
import type { OptimizerState } from "./optimizer.ts";
import type { ExtractivePolicyConfig } from "./policy_options.ts";

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

/**
 * Checks that `state` is a snapshot of this policy version.
 *
 * @throws {PolicyStateError} naming the first faulty path.
 */
export function parsePolicyState(state: unknown): ExtractivePolicyState {
  const result = schema.safeParse(state);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new PolicyStateError(issue.path.join("."), "a policy snapshot", issue.message, {
      cause: result.error,
    });
  }
  const s = result.data as ExtractivePolicyState;
  const same = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((x, i) => x === b[i]);
  if (
    !same(s.featureNames.decision, DECISION_FEATURES) || !same(s.featureNames.span, SPAN_FEATURES)
  ) {
    throw new PolicyStateError(
      "featureNames",
      `${DECISION_FEATURES.length} decision and ${SPAN_FEATURES.length} span features`,
      `saved with another feature layout (${s.featureNames.decision.length} decision, ` +
        `${s.featureNames.span.length} span features)`,
    );
  }
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
