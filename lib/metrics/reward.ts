/**
 * The GRPO reward of one answer: the official score, the judge's verdict, or a weighted mix,
 * with a guard against abstention hacking and a defined reward for format failures.
 *
 * Why the guard: answering "not mentioned" to everything earns every category-5 point (446 of
 * 1,986 questions, 22.5 %). With a penalty p for abstaining on an answerable question
 * (categories 1–4, 77.5 %), always abstaining is worth about 0.225 − 0.775·p per question, while
 * any policy that always attempts an answer earns at least 0. The default p = 0.4 makes always
 * abstaining worth −0.085; p = 0.2 (+0.07) let a policy collapse to always abstaining in a study
 * on LOCOMO, and p ≈ 0.3–0.5 was safe there.
 *
 * @module
 */

import { isAbstention } from "../text/mod.ts";
import type { Answer } from "../data/mod.ts";
import { locomoF1 } from "./locomo_f1.ts";

/** Where the reward comes from: the official score, the LLM judge, or a weighted mix of both. */
export type RewardKind = RewardConfig["kind"];

/** The reward settings (see {@link resolveRewardConfig} for the defaults). */
export interface RewardConfig {
  /**
   * The reward source: the official score (`f1`, needs no judge), the LLM judge's verdict
   * (`llm`), or a weighted mix (`both`). Default `"f1"`.
   */
  kind: "f1" | "llm" | "both";
  /** Weight of the official score in `"both"` (the judge gets 1 − weight). Default 0.5. */
  f1Weight: number;
  /**
   * Penalty for abstaining on an answerable question (categories 1–4): the reward becomes
   * −penalty. Default 0.4 (always abstaining then earns ≈ 0.225 − 0.775·0.4 = −0.085 < 0).
   */
  abstentionPenalty: number;
  /**
   * Reward of a format failure (empty or unparseable answer, signalled by the caller). Default
   * −0.1: below a wrong answer (0), so a parseable attempt always pays more, and above the
   * abstention penalty, so abstaining on answerable questions stays the most punished escape.
   */
  formatFailureReward: number;
}

/** Options of {@link resolveRewardConfig}: any {@link RewardConfig} field; the rest default. */
export type RewardOptions = Partial<RewardConfig>;

/** One rollout to reward. */
export interface RewardInput {
  /** The parsed answer. */
  prediction: string;
  /** The gold answer (may be missing for category 5). */
  answer: Answer | undefined;
  /** The raw LOCOMO category, 1–5. */
  category: number;
  /** The judge's verdict (1 correct, 0 wrong); needed for kinds `llm` and `both` on 1–4. */
  judgeVerdict?: 0 | 1;
  /** True when the caller could not parse an answer out of the completion. Default false. */
  formatFailure?: boolean;
}

/** A reward and how it was reached (for logs and notebooks). */
export interface RewardBreakdown {
  /** The reward to train on. */
  reward: number;
  /** The official LOCOMO score, when computed. */
  f1: number | null;
  /** The judge verdict used, when any. */
  judgeVerdict: 0 | 1 | null;
  /** Whether the prediction abstains ("not mentioned" / "no information available"). */
  abstained: boolean;
  /** Why the reward is what it is. */
  rule: "format-failure" | "abstention-penalty" | "abstention-rule" | "score";
}

const KINDS: readonly RewardKind[] = ["f1", "llm", "both"];

/**
 * The reward settings: the given fields, the defaults for the rest.
 *
 * @throws {RangeError} for an unknown kind, a weight outside [0, 1], a negative or non-finite
 *   penalty, or a non-finite format-failure reward.
 */
export function resolveRewardConfig(options: Partial<RewardConfig> = {}): RewardConfig {
  const config: RewardConfig = {
    kind: options.kind ?? "f1",
    f1Weight: options.f1Weight ?? 0.5,
    abstentionPenalty: options.abstentionPenalty ?? 0.4,
    formatFailureReward: options.formatFailureReward ?? -0.1,
  };
  if (!KINDS.includes(config.kind)) {
    throw new RangeError(`reward kind must be one of ${KINDS.join(", ")}, got ${config.kind}`);
  }
  if (!(config.f1Weight >= 0 && config.f1Weight <= 1)) {
    throw new RangeError(`f1Weight must be in [0, 1], got ${config.f1Weight}`);
  }
  if (!(config.abstentionPenalty >= 0 && Number.isFinite(config.abstentionPenalty))) {
    throw new RangeError(`abstentionPenalty must be ≥ 0, got ${config.abstentionPenalty}`);
  }
  if (!Number.isFinite(config.formatFailureReward)) {
    throw new RangeError(`formatFailureReward must be finite, got ${config.formatFailureReward}`);
  }
  return config;
}

/**
 * The reward of one rollout:
 * - format failure (flagged by the caller, or a blank prediction) → `formatFailureReward`;
 * - category 5 → the official refusal rule (1 for abstaining, else 0) for every kind (the judge
 *   does not grade category 5);
 * - abstaining on categories 1–4 → −`abstentionPenalty`;
 * - otherwise `f1`: the official score; `llm`: the verdict; `both`:
 *   `f1Weight · score + (1 − f1Weight) · verdict`.
 *
 * @throws {TypeError} when kind `llm`/`both` lacks a verdict on categories 1–4, or the gold is
 *   missing there (see {@link locomoF1}).
 * @throws {RangeError} for a category outside 1–5.
 */
export function computeReward(input: RewardInput, config: RewardConfig): RewardBreakdown {
  const { prediction, answer, category } = input;
  if (!(category >= 1 && category <= 5 && Number.isInteger(category))) {
    throw new RangeError(`computeReward(): unknown LOCOMO category ${category} (expected 1–5)`);
  }
  if (input.formatFailure || prediction.trim() === "") {
    return {
      reward: config.formatFailureReward,
      f1: null,
      judgeVerdict: null,
      abstained: false,
      rule: "format-failure",
    };
  }
  const abstained = isAbstention(prediction);
  if (category === 5) {
    const score = abstained ? 1 : 0;
    return { reward: score, f1: score, judgeVerdict: null, abstained, rule: "abstention-rule" };
  }
  if (abstained) {
    return {
      reward: -config.abstentionPenalty,
      f1: null,
      judgeVerdict: null,
      abstained,
      rule: "abstention-penalty",
    };
  }
  const verdict = config.kind === "f1" ? null : requireVerdict(input);
  const f1 = config.kind === "llm" ? null : locomoF1(prediction, answer, category);
  const reward = config.kind === "f1"
    ? f1 as number
    : config.kind === "llm"
    ? verdict as number
    : config.f1Weight * (f1 as number) + (1 - config.f1Weight) * (verdict as number);
  return { reward, f1, judgeVerdict: verdict, abstained, rule: "score" };
}

function requireVerdict(input: RewardInput): 0 | 1 {
  if (input.judgeVerdict !== 0 && input.judgeVerdict !== 1) {
    throw new TypeError(
      `computeReward(): a judge verdict (0 or 1) is needed for category ${input.category}, got ${input.judgeVerdict}`,
    );
  }
  return input.judgeVerdict;
}
