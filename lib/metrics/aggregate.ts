/**
 * Per-category and overall means of LOCOMO scores with seeded 95 % bootstrap confidence
 * intervals, named through the one category table.
 *
 * @module
 */

import {
  CATEGORY_IDS,
  CATEGORY_MAPPING_NOTE,
  type CategoryId,
  categoryName,
  isCategoryId,
} from "../data/mod.ts";
import { createRng } from "../random/mod.ts";
import { bootstrapMeans, type ConfidenceInterval, mean, percentileInterval } from "./bootstrap.ts";

export type { CategoryId, ConfidenceInterval };

/** One scored question. A question that failed (error, timeout) is passed with score 0. */
export interface ScoredItem {
  /** The raw LOCOMO category id, 1–5. */
  category: number;
  /** The question's score, 0…1. */
  score: number;
}

/** Options of {@link aggregateScores} and {@link compareSystems}. */
export interface AggregateOptions {
  /** Bootstrap resamples. Default 1000. */
  resamples?: number;
  /** Seed of the resampling. Default 0. */
  seed?: number;
  /** Confidence level of the intervals. Default 0.95. */
  level?: number;
  /** Categories included (in the overall mean too). Default all five; J reports use [1, 2, 3, 4]. */
  categories?: readonly CategoryId[];
}

/** {@link AggregateOptions} with every default filled in. */
export interface AggregateConfig {
  /** Bootstrap resamples. */
  resamples: number;
  /** Seed of the resampling. */
  seed: number;
  /** Confidence level. */
  level: number;
  /** Categories included. */
  categories: readonly CategoryId[];
}

/** Mean, count and interval of one group of scores. */
export type GroupSummary = ScoreSummary["overall"];

/** The summary of one category. */
export type CategorySummary = ScoreSummary["byCategory"][number];

/** A score report: overall and per category, with the mapping it uses. */
export interface ScoreSummary {
  /** All included questions: their number, mean score and percentile bootstrap interval. */
  overall: {
    /** Number of questions. */
    count: number;
    /** Mean score. */
    mean: number;
    /** Percentile bootstrap interval of the mean. */
    ci: {
      /** Lower bound. */
      low: number;
      /** Upper bound. */
      high: number;
      /** Confidence level, e.g. 0.95. */
      level: number;
    };
  };
  /**
   * Included categories that have questions, in id order, each with its raw id and its name
   * (e.g. `"multi-hop"` for 1).
   */
  byCategory: (ScoreSummary["overall"] & { category: CategoryId; name: string })[];
  /** Which category naming this report uses ({@link CATEGORY_MAPPING_NOTE}). */
  mapping: string;
  /**
   * The settings used (echoed for the report files; internal to `lib/metrics` and `lib/eval`).
   *
   * @ignore
   */
  config: AggregateConfig;
}

/**
 * Fills in the defaults of {@link AggregateOptions}.
 *
 * @throws {RangeError} for a non-positive or fractional resample count, a non-integer seed, a
 *   level outside (0, 1), or an unknown category id.
 */
export function resolveAggregateConfig(options: AggregateOptions = {}): AggregateConfig {
  const config: AggregateConfig = {
    resamples: options.resamples ?? 1000,
    seed: options.seed ?? 0,
    level: options.level ?? 0.95,
    categories: options.categories ?? CATEGORY_IDS,
  };
  if (!Number.isInteger(config.resamples) || config.resamples < 1) {
    throw new RangeError(`resamples must be a positive integer, got ${config.resamples}`);
  }
  if (!Number.isSafeInteger(config.seed)) {
    throw new RangeError(`seed must be an integer, got ${config.seed}`);
  }
  if (!(config.level > 0 && config.level < 1)) {
    throw new RangeError(`level must be in (0, 1), got ${config.level}`);
  }
  for (const c of config.categories) {
    if (!isCategoryId(c)) throw new RangeError(`unknown category id ${c} (expected 1–5)`);
  }
  return config;
}

/**
 * Checks scored items and keeps those of the included categories.
 *
 * @throws {RangeError} for an unknown category or a score that is not a number in [0, 1].
 */
export function includedItems(
  items: readonly ScoredItem[],
  categories: readonly CategoryId[],
): ScoredItem[] {
  items.forEach((item, i) => {
    if (!isCategoryId(item.category)) {
      throw new RangeError(`item ${i}: unknown category ${item.category} (expected 1–5)`);
    }
    if (!(item.score >= 0 && item.score <= 1)) {
      throw new RangeError(`item ${i}: score must be in [0, 1], got ${item.score}`);
    }
  });
  const wanted = new Set<number>(categories);
  return items.filter((item) => wanted.has(item.category));
}

/**
 * Per-category and overall mean scores with counts and seeded percentile bootstrap intervals
 * (the same seed gives the same intervals).
 *
 * @example
 * ```ts ignore
 * const report = aggregateScores(results.map((r) => ({ category: r.category, score: r.f1 })));
 * console.log(report.mapping, report.overall.mean, report.byCategory[0].name);
 * ```
 *
 * @throws {RangeError} for invalid options or items (see {@link resolveAggregateConfig},
 *   {@link includedItems}) or when no item is in the included categories.
 */
export function aggregateScores(
  items: readonly ScoredItem[],
  options: AggregateOptions = {},
): ScoreSummary {
  const config = resolveAggregateConfig(options);
  const kept = includedItems(items, config.categories);
  if (kept.length === 0) {
    throw new RangeError(
      `aggregateScores(): no items in categories ${
        config.categories.join(", ")
      } (got ${items.length} items)`,
    );
  }
  const rng = createRng(config.seed);
  const summarise = (scores: number[]): GroupSummary => ({
    count: scores.length,
    mean: mean(scores),
    ci: percentileInterval(
      bootstrapMeans(scores, { resamples: config.resamples, randomIndex: rng.int }),
      config.level,
    ),
  });
  const overall = summarise(kept.map((item) => item.score));
  const byCategory: CategorySummary[] = [];
  for (const category of CATEGORY_IDS) {
    const scores = kept.filter((item) => item.category === category).map((item) => item.score);
    if (scores.length === 0) continue;
    byCategory.push({ category, name: categoryName(category), ...summarise(scores) });
  }
  return { overall, byCategory, mapping: CATEGORY_MAPPING_NOTE, config };
}
