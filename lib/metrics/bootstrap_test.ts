import assert from "node:assert/strict";
import { bootstrapMeans, percentileInterval, quantile } from "./bootstrap.ts";
import { createRng } from "../random/mod.ts";

Deno.test("quantile() interpolates linearly like numpy", () => {
  assert.equal(quantile([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(quantile([1, 2, 3, 4], 0.025), 1.075);
  assert.equal(quantile([5], 0.9), 5);
  assert.throws(() => quantile([], 0.5), RangeError);
});

Deno.test("bootstrapMeans() returns sorted resample means within the data's range", () => {
  const means = bootstrapMeans([0, 1, 1, 0, 1], { resamples: 500, randomIndex: createRng(1).int });
  assert.equal(means.length, 500);
  assert.ok(means.every((m, i) => m >= 0 && m <= 1 && (i === 0 || means[i - 1]! <= m)));
  const ci = percentileInterval(means, 0.95);
  assert.ok(ci.low <= 0.6 && 0.6 <= ci.high);
});
