import assert from "node:assert/strict";
import { trainValSamples } from "./stratified_sample.ts";

const pool = (n: number, prefix: string) =>
  Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i}`, category: (i % 5) + 1 }));

Deno.test("trainValSamples() takes seeded stratified samples and reports what it capped", () => {
  const splits = { train: { examples: pool(40, "t") }, val: { examples: pool(10, "v") } };
  const a = trainValSamples(splits, { numTrain: 20, numVal: 50, seed: 3 });
  assert.equal(a.train.length, 20);
  assert.equal(a.val.length, 10);
  // Stratified: 20 of 40 across 5 equal categories gives 4 each.
  for (let c = 1; c <= 5; c++) assert.equal(a.train.filter((e) => e.category === c).length, 4);
  assert.deepEqual(a.capped, [
    { flag: "--num-val", asked: 50, used: 10, reason: "the val split has 10 questions" },
  ]);
  const b = trainValSamples(splits, { numTrain: 20, numVal: 50, seed: 3 });
  assert.deepEqual(b.train.map((e) => e.id), a.train.map((e) => e.id), "same seed, same sample");
  const c = trainValSamples(splits, { numTrain: 20, numVal: 5, seed: 4 });
  assert.notDeepEqual(c.train.map((e) => e.id), a.train.map((e) => e.id));
  assert.deepEqual(c.capped, []);
});
