/**
 * A probe of the gradient signal before training: how many rollout groups would be flat (every
 * reward equal, so no gradient) at each rollout temperature and under each reward setting.
 *
 * @module
 */

import type { SplitExample } from "../data/mod.ts";
import type { LmClient } from "../lm/mod.ts";
import { computeReward, type RewardConfig } from "../metrics/mod.ts";
import type { MemoryBank, ParsedAnswer, Program } from "../program/mod.ts";
import { groupStats } from "./group_stats.ts";
import { rolloutGroup } from "./rollout_group.ts";

const rewardOf = (example: SplitExample, parsed: ParsedAnswer, config: RewardConfig) =>
  computeReward({
    prediction: parsed.answer,
    answer: example.answer,
    category: example.category,
    formatFailure: parsed.formatFailure,
  }, config).reward;

/**
 * Samples one group of `numGenerations` rollouts per example at each temperature (example `i`
 * with seed `seed + i`, the same at every temperature), rewards the same rollouts once per
 * reward setting, and counts the zero-variance groups: one row per temperature and setting,
 * in that order.
 *
 * @example
 * ```ts ignore
 * const rows = await zeroVarianceProbe(program, examples, {
 *   lm, memories, numGenerations: 8, temperatures: [0.1, 1],
 *   rewards: { "guard on": resolveRewardConfig({ abstentionPenalty: 0.4 }) },
 * });
 * barChart(rows, { x: "temperature", y: "share", group: "reward" });
 * ```
 *
 * @throws {RangeError} when `examples`, `temperatures` or `rewards` is empty, or
 *   `numGenerations` is not an integer ≥ 2.
 */
export async function zeroVarianceProbe(
  program: Program,
  examples: readonly SplitExample[],
  options: {
    /** The policy's client. */
    lm: LmClient;
    /** The memories of the examples' conversations. */
    memories: MemoryBank;
    /** G: rollouts per group. */
    numGenerations: number;
    /** The rollout temperatures to try. */
    temperatures: readonly number[];
    /** The reward settings to compare, by label. */
    rewards: Readonly<Record<string, RewardConfig>>;
    /** The seed of the first example's group. Default: 1000. */
    seed?: number;
  },
): Promise<
  { temperature: number; reward: string; groups: number; zeroVariance: number; share: number }[]
> {
  const settings = Object.entries(options.rewards);
  if (examples.length === 0) throw new RangeError("zeroVarianceProbe() needs examples");
  if (options.temperatures.length === 0 || settings.length === 0) {
    throw new RangeError("zeroVarianceProbe() needs at least one temperature and reward setting");
  }
  if (!Number.isInteger(options.numGenerations) || options.numGenerations < 2) {
    throw new RangeError(`numGenerations must be an integer ≥ 2, got ${options.numGenerations}`);
  }
  const seed = options.seed ?? 1000;
  const rows = [];
  for (const temperature of options.temperatures) {
    const groups = await Promise.all(examples.map((example, i) =>
      rolloutGroup(program, example, {
        lm: options.lm,
        memories: options.memories,
        reward: (e, parsed) => rewardOf(e, parsed, settings[0]![1]),
        numGenerations: options.numGenerations,
        temperature,
        seed: seed + i,
        scaleRewards: true,
      })
    ));
    for (const [reward, config] of settings) {
      const zeroVariance = groups.filter((g) =>
        groupStats(
          g.parsed.map((p) => rewardOf(g.example, p, config)),
          { scaleRewards: true },
        )
          .zeroVariance
      ).length;
      rows.push({
        temperature,
        reward,
        groups: groups.length,
        zeroVariance,
        share: zeroVariance / groups.length,
      });
    }
  }
  return rows;
}
