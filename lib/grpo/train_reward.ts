/**
 * The GRPO reward the train CLI uses: the official F1, the LLM judge, or both, with the
 * abstention guard of `lib/metrics/reward.ts`.
 *
 * @module
 */

import type { SplitExample } from "../data/mod.ts";
import { createLmClient } from "../lm/mod.ts";
import {
  computeReward,
  judgeAll,
  resolveJudgeConfig,
  resolveRewardConfig,
} from "../metrics/mod.ts";
import type { ParsedAnswer } from "../program/mod.ts";
import type { RewardFunction } from "./rollout_group.ts";
import type { TrainConfig } from "./train_config.ts";

/**
 * Builds the reward function for the configured `--judge`. With `llm` or `both`, each answerable
 * rollout is judged once by the judge model (cached on disk under `.cache/judge`), which must
 * differ from the policy model unless `--allow-same-judge` is given.
 *
 * @throws {JudgeConfigError} when the judge model is the policy model without the override.
 */
export function makeReward(
  config: TrainConfig,
  secrets: { apiKey: string },
): Promise<RewardFunction> {
  const rewardConfig = resolveRewardConfig({
    kind: config.judge,
    abstentionPenalty: config.abstentionPenalty,
  });
  if (config.judge === "f1") {
    return Promise.resolve((example: SplitExample, parsed: ParsedAnswer) =>
      computeReward({
        prediction: parsed.answer,
        answer: example.answer,
        category: example.category,
        formatFailure: parsed.formatFailure,
      }, rewardConfig).reward
    );
  }
  const judgeLm = createLmClient({
    baseUrl: config.judgeBaseUrl,
    model: config.judgeModel,
    apiKey: secrets.apiKey,
    concurrency: config.concurrency,
  });
  const judgeOptions = {
    lm: judgeLm,
    policyModel: config.model,
    allowSameModel: config.allowSameJudge,
  };
  resolveJudgeConfig(judgeOptions); // refuse a judge that is the policy model now, not mid-run
  return Promise.resolve(async (example: SplitExample, parsed: ParsedAnswer) => {
    let judgeVerdict: 0 | 1 | undefined;
    if (example.category !== 5 && !parsed.formatFailure && !parsed.abstained) {
      const result = await judgeAll([{
        id: example.id,
        question: example.question,
        answer: example.answer,
        category: example.category,
        prediction: parsed.answer,
      }], { ...judgeOptions, maxFailures: 0 });
      judgeVerdict = result.verdicts[0]?.label === "CORRECT" ? 1 : 0;
    }
    return computeReward({
      prediction: parsed.answer,
      answer: example.answer,
      category: example.category,
      formatFailure: parsed.formatFailure,
      ...(judgeVerdict !== undefined ? { judgeVerdict } : {}),
    }, rewardConfig).reward;
  });
}
