/**
 * Scoring: the official LOCOMO F1 (Python-exact), the GRPO reward, the LLM judge, and the
 * aggregation of scores by category with bootstrap confidence intervals and paired comparisons.
 *
 * - {@link locomoF1}: the official scorer's per-category F1 of a prediction.
 * - {@link computeReward} with {@link resolveRewardConfig}: the reward of one rollout (F1,
 *   abstention on adversarial questions, the abstention guard, format failures).
 * - {@link judgeAll}: LLM-judged correctness of many answers (cached, with a failure budget);
 *   {@link parseJudgeVerdict} reads one verdict.
 * - {@link aggregateScores}, {@link compareSystems}: summaries and paired differences.
 *
 * @module
 */

// Types of other folders that this folder's signatures use.
export type { Answer, CategoryId } from "../data/mod.ts";
export type {
  ChatMessage,
  ChatOptions,
  ChatResult,
  LmClient,
  LmUsage,
  ResponseFormat,
  TokenUsage,
} from "../lm/mod.ts";
export type { ChatRole } from "../protocol/mod.ts";

export { type GoldAnswer, locomoF1, multiAnswerF1 } from "./locomo_f1.ts";
export { stemmedTokens, tokenF1, tokenListF1 } from "./token_f1.ts";
export {
  computeReward,
  resolveRewardConfig,
  type RewardBreakdown,
  type RewardConfig,
  type RewardInput,
  type RewardKind,
  type RewardOptions,
} from "./reward.ts";
export {
  type AggregateConfig,
  type AggregateOptions,
  aggregateScores,
  type CategorySummary,
  type GroupSummary,
  resolveAggregateConfig,
  type ScoredItem,
  type ScoreSummary,
} from "./aggregate.ts";
export {
  bootstrapMeans,
  type BootstrapOptions,
  type ConfidenceInterval,
  mean,
  percentileInterval,
  quantile,
} from "./bootstrap.ts";
export {
  compareSystems,
  type DifferenceSummary,
  type SystemComparison,
} from "./compare_systems.ts";
export { judgeAll } from "./judge.ts";
export { type JudgeConfig, type JudgeOptions, resolveJudgeConfig } from "./judge_config.ts";
export type {
  JudgeFailure,
  JudgeItem,
  JudgeResult,
  JudgeScore,
  JudgeVerdict,
} from "./judge_types.ts";
export { JudgeConfigError, JudgeIncompleteError, JudgeParseError } from "./judge_errors.ts";
export { type JudgeLabel, type ParsedVerdict, parseJudgeVerdict } from "./judge_parse.ts";
export { buildJudgePrompt, JUDGE_PROMPT_VERSION, type JudgePromptInput } from "./judge_prompt.ts";
export { formatJudgeScore } from "./judge_summary.ts";
