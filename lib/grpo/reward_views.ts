/**
 * What a policy's answers earn under GRPO reward settings, shown in a notebook: mean official F1
 * and mean reward per reward setting, per policy (and per category), as a table or a bar chart.
 * E.g. how the abstention guard turns "always abstain" from a safe policy into a losing one.
 *
 * @module
 */

import type { Answer } from "../data/mod.ts";
import { CATEGORY_IDS, categoryName } from "../data/mod.ts";
import { computeReward, locomoF1, type RewardConfig } from "../metrics/mod.ts";
import { barChart } from "../viz/bar_chart.ts";
import type { View } from "../viz/display_bundle.ts";
import { table } from "../viz/table.ts";

/**
 * One answered question (the element type of the policies' lists): the answer given, the
 * question's category and its gold answer, as `answer` (a split example or a LOCOMO question) or
 * `gold` (an evaluation's prediction row).
 */
export type AnsweredQuestion =
  & { prediction: string; category: number }
  & ({ answer: Answer | undefined } | { gold: string | null });

interface MeanRewards {
  policy: string;
  category: string;
  questions: number;
  f1: number;
  rewards: Record<string, number>;
}

function meanRewards(
  policy: string,
  category: string,
  items: readonly AnsweredQuestion[],
  rewards: Readonly<Record<string, RewardConfig>>,
): MeanRewards {
  const mean = (f: (item: AnsweredQuestion) => number) =>
    items.length === 0 ? 0 : items.reduce((sum, item) => sum + f(item), 0) / items.length;
  const answerOf = (item: AnsweredQuestion) => "answer" in item ? item.answer : item.gold;
  return {
    policy,
    category,
    questions: items.length,
    f1: mean((item) => locomoF1(item.prediction, answerOf(item) ?? null, item.category)),
    rewards: Object.fromEntries(
      Object.entries(rewards).map(([label, config]) => [
        label,
        mean((item) =>
          computeReward(
            { prediction: item.prediction, answer: answerOf(item), category: item.category },
            config,
          ).reward
        ),
      ]),
    ),
  };
}

function checkRewards(rewards: Readonly<Record<string, RewardConfig>>): void {
  if (Object.keys(rewards).length === 0) {
    throw new RangeError("rewards must name at least one reward setting");
  }
}

/**
 * A table of what each policy's answers earn (each answer with its `category` and its gold
 * answer as `answer`, like a question or split example, or as `gold`, like an evaluation's
 * prediction row): questions, mean official F1, and the mean reward
 * under each reward setting; one row per policy, or (with `byCategory`) one per policy and
 * category plus its `all` row with the category's share of the questions.
 *
 * @example
 * ```ts ignore
 * const abstain = questions.map((q) => ({ ...q, prediction: ABSTENTION }));
 * rewardTable({ "always abstain": abstain }, {
 *   rewards: { "no guard": resolveRewardConfig({ abstentionPenalty: 0 }) },
 *   byCategory: true,
 * });
 * ```
 *
 * @throws {RangeError} when `rewards` is empty.
 */
export function rewardTable(
  policies: Readonly<Record<string, readonly AnsweredQuestion[]>>,
  options: {
    /** The reward settings to compare, by label (e.g. `{ "guard −0.4": …, "no guard": … }`). */
    rewards: Readonly<Record<string, RewardConfig>>;
    /** One row per category (and `all`) of each policy. Default: `false`. */
    byCategory?: boolean;
    /** The caption. Default: `Mean official F1 and mean reward`. */
    caption?: string;
  },
): View {
  checkRewards(options.rewards);
  const many = Object.keys(policies).length > 1;
  const rows = Object.entries(policies).flatMap(([policy, items]) => {
    const groups: [string, readonly AnsweredQuestion[]][] = options.byCategory
      ? [
        ...CATEGORY_IDS.map((id): [string, AnsweredQuestion[]] => [
          categoryName(id),
          items.filter((i) => i.category === id),
        ]),
        ["all", items],
      ]
      : [["all", items]];
    return groups.filter(([, group]) => group.length > 0).map(([category, group]) => {
      const m = meanRewards(policy, category, group, options.rewards);
      return {
        ...(many || !options.byCategory ? { policy } : {}),
        ...(options.byCategory ? { category } : {}),
        questions: m.questions,
        ...(options.byCategory ? { share: m.questions / items.length } : {}),
        "official F1": m.f1,
        ...Object.fromEntries(Object.entries(m.rewards).map(([k, v]) => [`reward, ${k}`, v])),
      };
    });
  });
  return table(rows, { caption: options.caption ?? "Mean official F1 and mean reward" });
}

/**
 * A grouped bar chart of the mean reward per question of each policy, one bar per reward
 * setting: which answers GRPO pays for.
 *
 * @throws {RangeError} when `rewards` is empty.
 */
export function rewardChart(
  policies: Readonly<Record<string, readonly AnsweredQuestion[]>>,
  options: {
    /** The reward settings to compare, by label (one bar each). */
    rewards: Readonly<Record<string, RewardConfig>>;
    /** The chart's title. Default: `Mean reward per question`. */
    caption?: string;
  },
): View & { readonly svg: string } {
  checkRewards(options.rewards);
  const data = Object.entries(policies).flatMap(([policy, items]) =>
    Object.entries(meanRewards(policy, "all", items, options.rewards).rewards).map((
      [reward, value],
    ) => ({ policy, reward, "mean reward": value }))
  );
  return barChart(data, {
    x: "policy",
    y: "mean reward",
    group: "reward",
    title: options.caption ?? "Mean reward per question",
    xLabel: "policy",
    yLabel: "mean reward",
    width: 720,
  });
}
