import assert from "node:assert/strict";
import { topIndices } from "./score_units.ts";

Deno.test("topIndices() returns the best positive scores first, ties by index", () => {
  const scores = new Float64Array([0.5, 0, 2, 0.5, -1, 3]);
  assert.deepEqual(topIndices(scores, 10), [5, 2, 0, 3]);
  assert.deepEqual(topIndices(scores, 3), [5, 2, 0]);
  assert.deepEqual(topIndices(scores, 1), [5]);
});

Deno.test("topIndices() returns nothing for k = 0 or no positive score", () => {
  assert.deepEqual(topIndices(new Float64Array([1, 2]), 0), []);
  assert.deepEqual(topIndices(new Float64Array([0, -2]), 5), []);
  assert.deepEqual(topIndices(new Float64Array([]), 5), []);
});
