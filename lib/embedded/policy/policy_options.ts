/**
 * Options of the extractive policy and their defaults.
 *
 * @module
 */

import { FEATURE_GROUPS } from "./feature_layout.ts";
import type { OptimizerKind } from "./optimizer.ts";
import type { PriorKind } from "./prior.ts";

/** The abstention text: what the QA program's prompt asks for when the memories lack the answer. */
export const ABSTAIN_TEXT = "Not mentioned in the conversation";

/** Options of {@link createExtractivePolicy}; every field has a default. */
export interface ExtractivePolicyOptions {
  /** Seed of the policy's own sampling stream (used when a request has no seed). Default: `0`. */
  seed?: number;
  /** Longest word span offered as an answer. Default: `5`. */
  maxSpanLength?: number;
  /** Most candidate answers per prompt. Default: `1500`. */
  maxCandidates?: number;
  /** Resolve `yesterday`, `last week`… into date candidates. Default: `true`. */
  relativeDates?: boolean;
  /** Feature groups switched off (ablation); see `FEATURE_GROUPS`. Default: `[]`. */
  disabledFeatureGroups?: string[];
  /**
   * Initial weights: all zeros (the untrained policy: no task knowledge in the weights, uniform
   * spans, p(answer) ½, greedy answer = the first candidate, i.e. the top memory line's date) or
   * the documented hand-set prior (an already sensible extractor). Default: `"zero"`.
   */
  prior?: PriorKind;
  /**
   * The zero prior's initial decision bias: rollouts answer with probability σ(answerBias) and
   * abstain otherwise, so GRPO sees both; the greedy (untrained) answers are the same for every
   * bias ≥ 0. At 0 (p ½) the many abstentions on answerable questions give random spans a
   * positive advantage (they beat the abstention penalty) and drown the span signal; near 1
   * (p ≈ 0.88, measured on train/val) the policy still samples enough abstentions on adversarial
   * questions to learn when to abstain. Ignored by the hand prior. Default: `2`.
   */
  answerBias?: number;
  /**
   * The initial bias of the answer form on yes/no questions (those opening with an auxiliary:
   * "Did…", "Would…"): a sampled answer is `Yes` or `No` with probability σ(yesNoBias) and a
   * span otherwise. Greedy answers take a span while the form logit is ≤ 0, so the untrained
   * policy's answers do not depend on it; GRPO learns when the yes/no form pays (measured on val,
   * seeds 1–40: −1 gives +0.152 categories 1–4 gain, 0 gives +0.148; the policy without the
   * yes/no form +0.132). Default: `-1`.
   */
  yesNoBias?: number;
  /** Optimizer. Default: `"adam"`. */
  optimizer?: OptimizerKind;
  /**
   * Multiplies the GRPO `learningRate` the server passes in. Arbor's learning rates are for LLMs
   * (1e-6 default, 2e-5 in the seed guide); this ~100-weight policy wants Adam steps near 0.06
   * when, as in Arbor, every group is one optimizer step (400 steps for the train CLI's 100
   * steps of 4 questions; measured on val, seeds 1–40, before the yes/no form: +0.132 categories
   * 1–4 gain, against +0.123 for the earlier 4 groups per step at 0.2). The default maps the seed guide's 2e-5 to
   * 0.06. Default: `3000`.
   */
  learningRateScale?: number;
  /**
   * Optimizer steps over which the learning rate ramps up linearly from 0 (the seed guide's
   * `constant_with_warmup` schedule); `0` is constant. Default: `0`.
   */
  warmupSteps?: number;
  /**
   * Inverse-square-root decay: after warmup the rate at optimizer step t is
   * `lr / sqrt(1 + t / learningRateDecaySteps)`; `0` keeps it constant (measured on train/val,
   * decay did not beat a constant rate within 100 steps). Default: `0`.
   */
  learningRateDecaySteps?: number;
  /**
   * Learning-rate multiplier of the answer-or-abstain weights (a parameter group). The decision
   * has few weights that every group moves, the span choice many that few groups move; at the
   * span weights' rate the decision overshoots (measured on train/val: some seeds then abstain on
   * a fifth of the answerable questions, others never). Default: `0.55`.
   */
  decisionLearningRate?: number;
  /**
   * Learning-rate multiplier of the answer-form weights (yes/no against span), like
   * {@link decisionLearningRate} for the decision. Default: `0.55`.
   */
  formLearningRate?: number;
  /** Adam's first-moment decay. Default: `0.9`. */
  adamBeta1?: number;
  /** Adam's second-moment decay. Default: `0.999`. */
  adamBeta2?: number;
  /**
   * Adam's denominator guard. This policy's per-weight gradients are ~1e-2 (norm ≤ 1 over ~190
   * weights), so 0.01 keeps weights whose gradient is tiny and noisy from taking full-size
   * steps (measured: more stable learning across seeds than 1e-8). Default: `0.01`.
   */
  adamEpsilon?: number;
  /**
   * A completion that equals no candidate is matched to the candidates with the best token F1
   * when it reaches this value; below it the completion is out of support and skipped.
   * Default: `0.5`.
   */
  minMatchF1?: number;
  /** Prompts whose features are kept for reuse (a group shares its prompt). Default: `256`. */
  cacheSize?: number;
}

/** {@link ExtractivePolicyOptions} with every default filled in (JSON; saved in snapshots). */
export interface ExtractivePolicyConfig {
  /** See {@link ExtractivePolicyOptions.seed}. */
  seed: number;
  /** See {@link ExtractivePolicyOptions.maxSpanLength}. */
  maxSpanLength: number;
  /** See {@link ExtractivePolicyOptions.maxCandidates}. */
  maxCandidates: number;
  /** See {@link ExtractivePolicyOptions.relativeDates}. */
  relativeDates: boolean;
  /** See {@link ExtractivePolicyOptions.disabledFeatureGroups}. */
  disabledFeatureGroups: string[];
  /** See {@link ExtractivePolicyOptions.prior}. */
  prior: PriorKind;
  /** See {@link ExtractivePolicyOptions.answerBias}. */
  answerBias: number;
  /** See {@link ExtractivePolicyOptions.yesNoBias}. */
  yesNoBias: number;
  /** See {@link ExtractivePolicyOptions.optimizer}. */
  optimizer: OptimizerKind;
  /** See {@link ExtractivePolicyOptions.learningRateScale}. */
  learningRateScale: number;
  /** See {@link ExtractivePolicyOptions.warmupSteps}. */
  warmupSteps: number;
  /** See {@link ExtractivePolicyOptions.learningRateDecaySteps}. */
  learningRateDecaySteps: number;
  /** See {@link ExtractivePolicyOptions.decisionLearningRate}. */
  decisionLearningRate: number;
  /** See {@link ExtractivePolicyOptions.formLearningRate}. */
  formLearningRate: number;
  /** See {@link ExtractivePolicyOptions.adamBeta1}. */
  adamBeta1: number;
  /** See {@link ExtractivePolicyOptions.adamBeta2}. */
  adamBeta2: number;
  /** See {@link ExtractivePolicyOptions.adamEpsilon}. */
  adamEpsilon: number;
  /** See {@link ExtractivePolicyOptions.minMatchF1}. */
  minMatchF1: number;
  /** See {@link ExtractivePolicyOptions.cacheSize}. */
  cacheSize: number;
}

function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  return value;
}

function finite(name: string, value: number, min: number): number {
  if (!Number.isFinite(value) || value < min) {
    throw new RangeError(`${name} must be a finite number >= ${min}, got ${value}`);
  }
  return value;
}

/**
 * Fills in the defaults and checks the values.
 *
 * @throws {RangeError} for out-of-range numbers; {@link TypeError} for an unknown feature group,
 * prior or optimizer.
 */
export function resolvePolicyOptions(
  options: ExtractivePolicyOptions = {},
): ExtractivePolicyConfig {
  const disabled = [...(options.disabledFeatureGroups ?? [])];
  for (const group of disabled) {
    if (!FEATURE_GROUPS.includes(group)) {
      throw new TypeError(
        `Unknown feature group "${group}" (known: ${FEATURE_GROUPS.join(", ")})`,
      );
    }
  }
  const prior = options.prior ?? "zero";
  if (prior !== "hand" && prior !== "zero") {
    throw new TypeError(`prior must be "hand" or "zero", got ${JSON.stringify(prior)}`);
  }
  const optimizer = options.optimizer ?? "adam";
  if (optimizer !== "adam" && optimizer !== "sgd") {
    throw new TypeError(`optimizer must be "adam" or "sgd", got ${JSON.stringify(optimizer)}`);
  }
  return {
    seed: Math.trunc(finite("seed", options.seed ?? 0, -(2 ** 31))),
    maxSpanLength: positiveInt("maxSpanLength", options.maxSpanLength ?? 5),
    maxCandidates: positiveInt("maxCandidates", options.maxCandidates ?? 1500),
    relativeDates: options.relativeDates ?? true,
    disabledFeatureGroups: disabled,
    prior,
    answerBias: finite("answerBias", options.answerBias ?? 2, -20),
    yesNoBias: finite("yesNoBias", options.yesNoBias ?? -1, -20),
    optimizer,
    learningRateScale: finite("learningRateScale", options.learningRateScale ?? 3000, 0),
    warmupSteps: Math.trunc(finite("warmupSteps", options.warmupSteps ?? 0, 0)),
    learningRateDecaySteps: finite(
      "learningRateDecaySteps",
      options.learningRateDecaySteps ?? 0,
      0,
    ),
    decisionLearningRate: finite(
      "decisionLearningRate",
      options.decisionLearningRate ?? 0.55,
      0,
    ),
    formLearningRate: finite("formLearningRate", options.formLearningRate ?? 0.55, 0),
    adamBeta1: finite("adamBeta1", options.adamBeta1 ?? 0.9, 0),
    adamBeta2: finite("adamBeta2", options.adamBeta2 ?? 0.999, 0),
    adamEpsilon: finite("adamEpsilon", options.adamEpsilon ?? 0.01, 0),
    minMatchF1: finite("minMatchF1", options.minMatchF1 ?? 0.5, 0),
    cacheSize: positiveInt("cacheSize", options.cacheSize ?? 256),
  };
}
