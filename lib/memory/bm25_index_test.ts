import assert from "node:assert/strict";
import { buildBm25Index, idf, scoreBm25 } from "./bm25_index.ts";

Deno.test("scoreBm25() ranks the document holding the rarer query term first", () => {
  const index = buildBm25Index([["dog", "beach"], ["dog", "park"], ["dog", "cat"]]);
  const scores = scoreBm25(index, new Map([["dog", 1], ["beach", 1]]), { k1: 1.2, b: 0.75 });
  assert.ok(scores[0]! > scores[1]!);
  assert.equal(scores[1], scores[2]);
});

Deno.test("scoreBm25() gives 0 to documents without query terms and ignores unknown terms", () => {
  const index = buildBm25Index([["dog"], ["cat"]]);
  const scores = scoreBm25(index, new Map([["dog", 1], ["zebra", 1]]), { k1: 1.2, b: 0.75 });
  assert.ok(scores[0]! > 0);
  assert.equal(scores[1], 0);
});

Deno.test("scoreBm25() scales a term's share by its query weight", () => {
  const index = buildBm25Index([["dog"], ["cat"]]);
  const one = scoreBm25(index, new Map([["dog", 1]]), { k1: 1.2, b: 0.75 })[0]!;
  const two = scoreBm25(index, new Map([["dog", 2]]), { k1: 1.2, b: 0.75 })[0]!;
  assert.ok(Math.abs(two - 2 * one) < 1e-12);
});

Deno.test("idf() is positive for known terms and 0 for unknown ones", () => {
  const index = buildBm25Index([["dog"], ["dog"], ["cat"]]);
  assert.ok(idf(index, "cat") > idf(index, "dog"));
  assert.ok(idf(index, "dog") > 0);
  assert.equal(idf(index, "zebra"), 0);
});

Deno.test("buildBm25Index() handles an empty collection", () => {
  const index = buildBm25Index([]);
  assert.equal(index.size, 0);
  assert.equal(scoreBm25(index, new Map([["dog", 1]]), { k1: 1.2, b: 0.75 }).length, 0);
});
