import assert from "node:assert/strict";
import { aggregateScores, resolveAggregateConfig, type ScoredItem } from "./aggregate.ts";
import { CATEGORY_MAPPING_NOTE } from "../data/mod.ts";

const items: ScoredItem[] = [
  ...Array.from({ length: 40 }, (_, i) => ({ category: 1, score: i % 2 })),
  ...Array.from({ length: 60 }, (_, i) => ({ category: 4, score: i < 45 ? 1 : 0 })),
  ...Array.from({ length: 20 }, () => ({ category: 5, score: 0 })),
];

Deno.test("aggregateScores() gives per-category and overall means, counts and names", () => {
  const report = aggregateScores(items);
  assert.equal(report.overall.count, 120);
  assert.equal(report.overall.mean, 65 / 120);
  assert.deepEqual(
    report.byCategory.map((c) => [c.category, c.name, c.count, c.mean]),
    [[1, "multi-hop", 40, 0.5], [4, "single-hop", 60, 0.75], [5, "adversarial", 20, 0]],
  );
  assert.equal(report.mapping, CATEGORY_MAPPING_NOTE);
});

Deno.test("aggregateScores() brackets the mean with a 95% bootstrap interval", () => {
  const { overall, byCategory } = aggregateScores(items);
  assert.ok(overall.ci.low < overall.mean && overall.mean < overall.ci.high);
  assert.ok(overall.ci.high - overall.ci.low < 0.25);
  assert.equal(overall.ci.level, 0.95);
  assert.deepEqual([byCategory[2]!.ci.low, byCategory[2]!.ci.high], [0, 0]);
});

Deno.test("aggregateScores() is reproducible for a seed and varies across seeds", () => {
  assert.deepEqual(aggregateScores(items, { seed: 7 }), aggregateScores(items, { seed: 7 }));
  assert.notDeepEqual(
    aggregateScores(items, { seed: 7 }).overall.ci,
    aggregateScores(items, { seed: 8 }).overall.ci,
  );
});

Deno.test("aggregateScores() restricts the report to chosen categories (J excludes 5)", () => {
  const report = aggregateScores(items, { categories: [1, 2, 3, 4] });
  assert.equal(report.overall.count, 100);
  assert.equal(report.overall.mean, 0.65);
  assert.deepEqual(report.byCategory.map((c) => c.category), [1, 4]);
});

Deno.test("aggregateScores() rejects scores outside [0, 1] and unknown categories", () => {
  assert.throws(() => aggregateScores([{ category: 1, score: NaN }]), RangeError);
  assert.throws(() => aggregateScores([{ category: 1, score: 1.5 }]), RangeError);
  assert.throws(() => aggregateScores([{ category: 6, score: 1 }]), RangeError);
  assert.throws(() => aggregateScores([]), RangeError);
});

Deno.test("resolveAggregateConfig() fills documented defaults", () => {
  assert.deepEqual(resolveAggregateConfig(), {
    resamples: 1000,
    seed: 0,
    level: 0.95,
    categories: [1, 2, 3, 4, 5],
  });
  assert.throws(() => resolveAggregateConfig({ resamples: 0 }), RangeError);
  assert.throws(() => resolveAggregateConfig({ level: 1 }), RangeError);
});
