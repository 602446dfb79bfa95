/**
 * The GRPO reward the train CLI uses: the official F1, the LLM judge, or both, with the
 * abstention guard of `lib/metrics/reward.ts`; and its watch, which stops a run whose reward
 * keeps failing.
 *
 * @module
 */

import type { SplitExample } from "../data/mod.ts";
import { createLmClient, redactSecrets } from "../lm/mod.ts";
import {
  computeReward,
  judgeAll,
  resolveJudgeConfig,
  resolveRewardConfig,
} from "../metrics/mod.ts";
import type { ParsedAnswer } from "../program/mod.ts";
import type { RewardFunction } from "./rollout_group.ts";
import { RewardFailureError } from "./step_error.ts";
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

/**
 * The reward, watched: failures of its calls are counted per step, and after `maxFailedSteps`
 * consecutive steps with failures `afterStep` throws {@link RewardFailureError} with the cause.
 * Failure messages are redacted of `secrets` (e.g. the judge's API key).
 */
export function watchReward(
  reward: RewardFunction,
  options: { maxFailedSteps: number; secrets: readonly string[] },
): RewardFunction & { afterStep(step: number): void } {
  let stepFailures: string[] = [];
  let streak: string[] = [];
  let steps = 0;
  const watched = async (...args: Parameters<RewardFunction>) => {
    try {
      return await reward(...args);
    } catch (error) {
      stepFailures.push(redactSecrets(String((error as Error)?.message ?? error), options.secrets));
      throw error;
    }
  };
  return Object.assign(watched, {
    afterStep(step: number) {
      if (stepFailures.length === 0) {
        streak = [];
        steps = 0;
        return;
      }
      streak.push(...stepFailures);
      stepFailures = [];
      if (++steps < options.maxFailedSteps) return;
      throw new RewardFailureError({
        step,
        failedSteps: steps,
        failedCalls: streak.length,
        firstFailure: streak[0]!,
      });
    },
  });
}
