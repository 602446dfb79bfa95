/**
 * The trainable extractive policy: a log-linear answer-or-abstain decision followed by a
 * softmax over candidate answer spans of the memory lines (on a yes/no question, first a choice
 * between a span and Yes/No), trained with GRPO.
 *
 * @module
 */

import type { GroupItem } from "../../protocol/mod.ts";
import type {
  GenerateRequest,
  GrpoHyperparams,
  PolicyInit,
  PolicyState,
  StepStats,
  TrainablePolicy,
} from "../policy_types.ts";
import { FeatureCache } from "./feature_cache.ts";
import { DECISION_FEATURES, SPAN_FEATURES } from "./feature_layout.ts";
import { matchCompletion } from "./completion_match.ts";
import { clippedSurrogate, groupAdvantages, sampleStd } from "./grpo_objective.ts";
import {
  actionLogProb,
  DECISION_SIZE,
  distribution,
  FORM_OFFSET,
  PARAMETER_SIZE,
} from "./log_linear.ts";
import { clipGradNorm, initialOptimizerState, optimizerStep } from "./optimizer.ts";
import { type ExtractivePolicyOptions, resolvePolicyOptions } from "./policy_options.ts";
import {
  type ExtractivePolicyState,
  parsePolicyState,
  POLICY_STATE_FORMAT,
} from "./policy_state.ts";
import { priorWeights } from "./prior.ts";
import { checkGenerateRequest, checkGroup, checkHyperparams } from "./request_checks.ts";
import { completionFromAction, samplePolicy } from "./sampling.ts";
import { createRng, rngFromState } from "../../random/mod.ts";
import { lrFactor } from "../lr_schedule.ts";

/** {@link StepStats} plus what only this policy reports. */
export interface ExtractiveStepStats extends StepStats {
  /** Items of the group skipped because their completion matched no candidate (no gradient). */
  skipped: number;
}

/** The extractive policy: a {@link TrainablePolicy} whose `train` reports skipped items too. */
export interface ExtractivePolicy extends TrainablePolicy {
  /** Applies one GRPO group; see {@link TrainablePolicy.train}. */
  train(group: GroupItem[], hyperparams: GrpoHyperparams): ExtractiveStepStats;
  /** The snapshot, typed; see {@link TrainablePolicy.snapshot}. */
  snapshot(): PolicyState & ExtractivePolicyState;
}

/**
 * The policy's own warmup then inverse-square-root decay at optimizer step `t` (0-based), on top
 * of the trainer's schedule.
 */
function learningRateFactor(c: ExtractivePolicyState["config"], t: number): number {
  const warmup = Math.min(1, (t + 1) / (c.warmupSteps + 1));
  const after = Math.max(0, t - c.warmupSteps);
  return c.learningRateDecaySteps > 0
    ? warmup / Math.sqrt(1 + after / c.learningRateDecaySteps)
    : warmup;
}

function toState(s: ExtractivePolicyState): PolicyState & ExtractivePolicyState {
  return s as PolicyState & ExtractivePolicyState;
}

class LogLinearPolicy implements ExtractivePolicy {
  readonly #s: ExtractivePolicyState;
  readonly #theta: Float64Array;
  readonly #reference: Float64Array;
  readonly #accumulated: Float64Array;
  readonly #cache: FeatureCache;
  /** Learning-rate multipliers: the decision weights', then the span weights' (1). */
  readonly #lrScale: Float64Array;
  #rng;

  constructor(state: ExtractivePolicyState) {
    this.#s = structuredClone(state);
    this.#theta = Float64Array.from(state.weights);
    this.#reference = Float64Array.from(state.reference);
    this.#accumulated = Float64Array.from(state.accumulation.grad);
    this.#cache = new FeatureCache(state.config);
    this.#rng = rngFromState(state.rng);
    this.#lrScale = new Float64Array(PARAMETER_SIZE).fill(1)
      .fill(state.config.decisionLearningRate, 0, DECISION_SIZE)
      .fill(state.config.formLearningRate, FORM_OFFSET);
  }

  generate(request: GenerateRequest): string[] {
    checkGenerateRequest(request);
    const pf = this.#cache.get(request.messages);
    const rng = request.seed === undefined ? this.#rng : createRng(request.seed);
    const out: string[] = [];
    for (let i = 0; i < request.n; i++) {
      const action = samplePolicy(pf, this.#theta, request.temperature, rng);
      out.push(completionFromAction(pf, action, request.maxTokens));
    }
    return out;
  }

  train(group: GroupItem[], hp: GrpoHyperparams): ExtractiveStepStats {
    checkGroup(group);
    checkHyperparams(hp);
    const rewards = group.map((item) => item.reward);
    const advantages = groupAdvantages(rewards, hp.scaleRewards);
    const invT = hp.temperature > 0 ? 1 / hp.temperature : 1;
    const grad = new Float64Array(PARAMETER_SIZE);
    let loss = 0;
    let kl = 0;
    let used = 0;
    let skipped = 0;
    const dists = new Map<
      object,
      [ReturnType<typeof distribution>, ReturnType<typeof distribution>]
    >();
    group.forEach((item, i) => {
      const pf = this.#cache.get(item.messages);
      const action = matchCompletion(
        pf.candidates,
        item.completion.content,
        this.#s.config.minMatchF1,
      );
      let pair = dists.get(pf);
      if (!pair) {
        pair = [distribution(pf, this.#theta, invT), distribution(pf, this.#reference, invT)];
        dists.set(pf, pair);
      }
      const logp = action ? actionLogProb(pf, pair[0], invT, action) : -Infinity;
      if (!action || !Number.isFinite(logp)) {
        skipped++;
        return;
      }
      const refLogp = actionLogProb(pf, pair[1], invT, action);
      const out = clippedSurrogate(
        { logp, oldLogp: logp, refLogp, advantage: advantages[i]! },
        { epsilon: hp.epsilon, epsilonHigh: hp.epsilonHigh, beta: hp.beta },
      );
      // TRL's "grpo" aggregation: mean over the group's sequences.
      actionLogProb(pf, pair[0], invT, action, grad, out.dLogp / group.length);
      loss += out.loss / group.length;
      kl += out.kl;
      used++;
    });
    const steps = hp.groupsPerStep;
    for (let f = 0; f < PARAMETER_SIZE; f++) this.#accumulated[f]! += grad[f]! / steps;
    this.#s.accumulation.groups += 1;
    this.#s.skippedCompletions += skipped;
    let gradNorm = 0;
    let optimizerStepTaken = false;
    if (this.#s.accumulation.groups >= steps) {
      gradNorm = clipGradNorm(this.#accumulated, hp.maxGradNorm);
      const c = this.#s.config;
      optimizerStep(c.optimizer, this.#theta, this.#accumulated, this.#s.optimizer, {
        lr: hp.learningRate * c.learningRateScale * lrFactor(hp.lrSchedule, this.#s.globalStep) *
          learningRateFactor(c, this.#s.optimizer.t),
        adam: { beta1: c.adamBeta1, beta2: c.adamBeta2, epsilon: c.adamEpsilon },
        lrScale: this.#lrScale,
      });
      this.#accumulated.fill(0);
      this.#s.accumulation.groups = 0;
      this.#s.globalStep += 1;
      optimizerStepTaken = true;
    }
    return {
      loss,
      kl: used > 0 ? kl / used : 0,
      gradNorm,
      rewardMean: rewards.reduce((a, b) => a + b, 0) / rewards.length,
      rewardStd: sampleStd(rewards),
      advantages,
      optimizerStep: optimizerStepTaken,
      globalStep: this.#s.globalStep,
      skipped,
    };
  }

  snapshot(): PolicyState & ExtractivePolicyState {
    return toState(structuredClone({
      ...this.#s,
      weights: [...this.#theta],
      reference: [...this.#reference],
      accumulation: { grad: [...this.#accumulated], groups: this.#s.accumulation.groups },
      rng: this.#rng.state(),
    }));
  }
}

/**
 * Creates an untrained extractive policy (weights from the configured prior; the reference
 * policy is a frozen copy of them).
 *
 * @example
 * ```ts
 * import { createExtractivePolicy } from "./extractive_policy.ts";
 * const policy = createExtractivePolicy({ seed: 1 });
 * const [answer] = policy.generate({
 *   messages: [{ role: "user", content: "[D1:1 | 8 May 2023] Ann: I adopted a cat named Tom.\n\nQuestion: What is the name of Ann's cat?" }],
 *   temperature: 0,
 *   maxTokens: 16,
 *   n: 1,
 * });
 * ```
 *
 * @throws {RangeError} or {@link TypeError} for invalid options.
 */
export function createExtractivePolicy(options: ExtractivePolicyOptions = {}): ExtractivePolicy {
  const config = resolvePolicyOptions(options);
  const theta = priorWeights(config.prior, config.answerBias, config.yesNoBias);
  const empty = new Array(PARAMETER_SIZE).fill(0);
  return new LogLinearPolicy({
    format: POLICY_STATE_FORMAT,
    version: 1,
    config,
    featureNames: { decision: [...DECISION_FEATURES], span: [...SPAN_FEATURES] },
    weights: [...theta],
    reference: [...theta],
    optimizer: initialOptimizerState(PARAMETER_SIZE),
    accumulation: { grad: [...empty], groups: 0 },
    globalStep: 0,
    rng: createRng(config.seed).state(),
    skippedCompletions: 0,
  });
}

/**
 * Restores a policy from {@link ExtractivePolicy.snapshot} (also after a JSON round-trip): the
 * same weights, reference, optimizer state, accumulated gradient, step count and sampling stream.
 *
 * @throws {PolicyStateError} when `state` is not a snapshot of this policy version.
 */
export function restorePolicy(state: PolicyState): ExtractivePolicy {
  return new LogLinearPolicy(parsePolicyState(state));
}

/**
 * The policy factory the CLI and notebooks use by default: the extractive policy for a job or a
 * served model, fresh from `init.seed`, or restored from `init.initialState` (a checkpoint's
 * `policy.json`). The model name does not change the policy (it has no pretrained weights).
 */
export function createDefaultPolicy(init: PolicyInit): TrainablePolicy {
  if (init.initialState !== undefined) return restorePolicy(init.initialState);
  return createExtractivePolicy({ seed: init.seed });
}
