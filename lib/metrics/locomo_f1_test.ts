import assert from "node:assert/strict";
import { locomoF1, multiAnswerF1, numpyMean } from "./locomo_f1.ts";

Deno.test("locomoF1() scores categories 2 and 4 by token F1", () => {
  assert.equal(locomoF1("She painted a sunset.", "a painting of a sunset", 4), 2 / 3);
  assert.equal(locomoF1("7 May 2023", "7 May 2023", 2), 1);
});

Deno.test("locomoF1() stringifies integer answers as Python does", () => {
  assert.equal(locomoF1("2022", 2022, 2), 1);
  assert.equal(locomoF1("In 2022", 2022, 1), 2 / 3);
});

Deno.test("locomoF1() averages the best match per gold part in category 1", () => {
  assert.equal(locomoF1("pottery, camping", "Pottery, camping, painting, swimming", 1), 0.5);
  assert.equal(locomoF1("camping", "camping", 1), 1);
  assert.equal(multiAnswerF1("a cat, dogs", "dog, cat, bird"), 2 / 3);
});

Deno.test("locomoF1() cuts a category-3 gold at its first ';'", () => {
  assert.equal(locomoF1("Likely yes", "Likely yes; since she likes it", 3), 1);
  assert.equal(locomoF1("Likely yes", "Likely yes; since she likes it", 4) < 1, true);
});

Deno.test("locomoF1() scores category 5 by the refusal phrases and ignores the gold", () => {
  assert.equal(locomoF1("Not mentioned in the conversation", null, 5), 1);
  assert.equal(locomoF1("No information available.", undefined, 5), 1);
  assert.equal(locomoF1("She went to Paris", "She went to Paris", 5), 0);
});

Deno.test("locomoF1() rejects an unknown category or a missing gold for categories 1–4", () => {
  assert.throws(() => locomoF1("x", "x", 6), RangeError);
  assert.throws(() => locomoF1("x", null, 4), TypeError);
  assert.throws(() => locomoF1("x", undefined, 1), TypeError);
});

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
