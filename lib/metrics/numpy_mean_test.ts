import assert from "node:assert/strict";
import { numpyMean } from "./numpy_mean.ts";

Deno.test("numpyMean() sums pairwise like numpy, not left to right", () => {
  const values = [1 / 3, 2 / 3, 2 / 3, 1 / 3, 1 / 3, 0.7, 0.2, 0.2, 0.7];
  // numpy.mean gives 0.4592592592592592; sum()/9 gives 0.4592592592592593.
  assert.equal(numpyMean(values), 0.4592592592592592);
  assert.equal(numpyMean(Array(10).fill(0.1)), 0.1);
});

Deno.test("numpyMean() of one value is that value", () => {
  assert.equal(numpyMean([0.25]), 0.25);
});

Deno.test("numpyMean() refuses an empty list", () => {
  assert.throws(() => numpyMean([]), RangeError);
});
