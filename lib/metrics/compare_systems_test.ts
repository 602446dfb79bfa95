import assert from "node:assert/strict";
import { compareSystems } from "./compare_systems.ts";
import type { ScoredItem } from "./aggregate.ts";

const base: ScoredItem[] = Array.from({ length: 200 }, (_, i) => ({
  category: (i % 4) + 1,
  score: (i * 37 % 100) / 100,
}));

Deno.test("compareSystems() finds a consistent small gain that separate intervals would miss", () => {
  const better = base.map((item) => ({ ...item, score: Math.min(1, item.score + 0.03) }));
  const result = compareSystems(better, base);
  assert.ok(result.overall.difference > 0.02);
  assert.ok(result.overall.ci.low > 0);
  assert.equal(result.overall.shareNotBetter, 0);
  assert.deepEqual(result.byCategory.map((c) => c.name), [
    "multi-hop",
    "temporal",
    "open-domain",
    "single-hop",
  ]);
});

Deno.test("compareSystems() gives an interval around 0 for identical systems", () => {
  const result = compareSystems(base, base);
  assert.deepEqual([result.overall.difference, result.overall.ci.low, result.overall.ci.high], [
    0,
    0,
    0,
  ]);
  assert.equal(result.overall.shareNotBetter, 1);
});

Deno.test("compareSystems() refuses lists that are not the same questions", () => {
  assert.throws(() => compareSystems(base, base.slice(1)), RangeError);
  const shifted = base.map((item, i) => (i === 3 ? { ...item, category: 5 } : item));
  assert.throws(() => compareSystems(base, shifted), RangeError);
});
