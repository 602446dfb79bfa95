/**
 * Group statistics of GRPO: advantages as Arbor computes them and reward-variance checks.
 *
 * @module
 */

/** Summary of one group's rewards. */
export type GroupStats = ReturnType<typeof groupStats>;

/**
 * Computes a group's advantages as Arbor and TRL do: `r − mean`, divided by `std + 1e-4` when
 * `scaleRewards` is on (std is the sample std, n − 1). Returns the mean reward, the std, whether
 * every reward is the same (`zeroVariance`: the group contributes no gradient) and the advantages
 * in item order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { groupStats } from "./group_stats.ts";
 * const s = groupStats([1, 0, 0, 1], { scaleRewards: false });
 * assert.ok(s.mean === 0.5 && s.advantages[0] === 0.5);
 * ```
 */
export function groupStats(
  rewards: readonly number[],
  options: { scaleRewards: boolean },
): { mean: number; std: number; zeroVariance: boolean; advantages: number[] } {
  const n = rewards.length;
  const mean = n === 0 ? 0 : rewards.reduce((a, b) => a + b, 0) / n;
  const variance = n < 2 ? 0 : rewards.reduce((a, r) => a + (r - mean) ** 2, 0) / (n - 1);
  const std = Math.sqrt(variance);
  const zeroVariance = rewards.every((r) => Math.abs(r - rewards[0]!) < 1e-12);
  const advantages = rewards.map((r) =>
    options.scaleRewards ? (r - mean) / (std + 1e-4) : r - mean
  );
  return { mean, std, zeroVariance, advantages };
}
