/**
 * Group statistics of GRPO: advantages as Arbor computes them and reward-variance checks.
 *
 * @module
 */

/** Summary of one group's rewards. */
export interface GroupStats {
  /** Mean reward. */
  mean: number;
  /** Sample standard deviation (n − 1), as PyTorch's default. */
  std: number;
  /** Whether every reward is the same (the group contributes no gradient). */
  zeroVariance: boolean;
  /** Advantages in item order. */
  advantages: number[];
}

/**
 * Computes a group's advantages as Arbor and TRL do: `r − mean`, divided by `std + 1e-4` when
 * `scaleRewards` is on (std is the sample std, n − 1).
 *
 * @example
 * ```ts
 * import { groupStats } from "./group_stats.ts";
 * const s = groupStats([1, 0, 0, 1], { scaleRewards: false });
 * console.assert(s.mean === 0.5 && s.advantages[0] === 0.5);
 * ```
 */
export function groupStats(
  rewards: readonly number[],
  options: { scaleRewards: boolean },
): GroupStats {
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
