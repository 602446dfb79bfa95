/**
 * Paired bootstrap of the difference between two systems scored on the same questions.
 *
 * @module
 */

import { CATEGORY_IDS, CATEGORY_MAPPING_NOTE, type CategoryId, categoryName } from "../data/mod.ts";
import { createRng } from "../random/mod.ts";
import {
  type AggregateConfig,
  type AggregateOptions,
  includedItems,
  resolveAggregateConfig,
  type ScoredItem,
} from "./aggregate.ts";
import { bootstrapMeans, type ConfidenceInterval, mean, percentileInterval } from "./bootstrap.ts";

export type { AggregateConfig, AggregateOptions, CategoryId, ConfidenceInterval, ScoredItem };

/** The difference A − B over one group of questions. */
export type DifferenceSummary = SystemComparison["overall"];

/** A paired comparison of two systems, overall and per category. */
export interface SystemComparison {
  /** The difference A − B over all included questions. */
  overall: {
    /** Number of paired questions. */
    count: number;
    /** Mean of A minus mean of B. */
    difference: number;
    /** Percentile bootstrap interval of the difference (questions resampled in pairs). */
    ci: {
      /** Lower bound. */
      low: number;
      /** Upper bound. */
      high: number;
      /** Confidence level, e.g. 0.95. */
      level: number;
    };
    /** Share of resamples in which A does not beat B (a one-sided bootstrap p-value for A > B). */
    shareNotBetter: number;
  };
  /** Per included category that has questions, in id order (with its raw id and name). */
  byCategory: (SystemComparison["overall"] & { category: CategoryId; name: string })[];
  /** Which category naming this report uses. */
  mapping: string;
  /**
   * The settings used (echoed for the report files; internal to `lib/metrics` and `lib/eval`).
   *
   * @ignore
   */
  config: AggregateConfig;
}

/**
 * Compares system A with system B on the same questions: `a[i]` and `b[i]` must be the same
 * question (same category). Each resample draws questions with replacement and keeps the pairs
 * together, which is much tighter than comparing two independent intervals.
 *
 * @throws {RangeError} when the lists differ in length, a pair's categories differ, or an item
 *   or option is invalid (see {@link resolveAggregateConfig}).
 */
export function compareSystems(
  a: readonly ScoredItem[],
  b: readonly ScoredItem[],
  options: AggregateOptions = {},
): SystemComparison {
  const config = resolveAggregateConfig(options);
  if (a.length !== b.length) {
    throw new RangeError(`compareSystems(): ${a.length} items for A but ${b.length} for B`);
  }
  a.forEach((item, i) => {
    if (item.category !== b[i]?.category) {
      throw new RangeError(
        `compareSystems(): item ${i} is category ${item.category} in A but ${b[i]?.category} in B`,
      );
    }
  });
  includedItems(a, config.categories);
  includedItems(b, config.categories);
  const wanted = new Set<number>(config.categories);
  const pairs = a.flatMap((item, i) =>
    wanted.has(item.category)
      ? [{ category: item.category, difference: item.score - (b[i] as ScoredItem).score }]
      : []
  );
  if (pairs.length === 0) {
    throw new RangeError(
      `compareSystems(): no items in categories ${config.categories.join(", ")}`,
    );
  }
  const rng = createRng(config.seed);
  const summarise = (values: number[]): DifferenceSummary => {
    const means = bootstrapMeans(values, { resamples: config.resamples, randomIndex: rng.int });
    return {
      count: values.length,
      difference: mean(values),
      ci: percentileInterval(means, config.level),
      shareNotBetter: means.filter((m) => m <= 0).length / means.length,
    };
  };
  const overall = summarise(pairs.map((p) => p.difference));
  const byCategory: SystemComparison["byCategory"] = [];
  for (const category of CATEGORY_IDS) {
    const group = pairs.filter((p) => p.category === category).map((p) => p.difference);
    if (group.length === 0) continue;
    byCategory.push({ category, name: categoryName(category), ...summarise(group) });
  }
  return { overall, byCategory, mapping: CATEGORY_MAPPING_NOTE, config };
}
