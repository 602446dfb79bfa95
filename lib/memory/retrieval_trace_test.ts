import assert from "node:assert/strict";
import { recallAt } from "./retrieval_trace.ts";

Deno.test("recallAt() counts evidence among the first k dia_ids only", () => {
  const trace = { diaIds: ["D1:1", "D2:3", "D1:4", "D3:1"] };
  assert.equal(recallAt(trace, ["D2:3", "D3:1"], { k: 2 }), 0.5);
  assert.equal(recallAt(trace, ["D2:3", "D3:1"], { k: 4 }), 1);
  assert.equal(recallAt(trace, ["D9:9"], { k: 50 }), 0);
});

Deno.test("recallAt() is 1 without evidence and counts repeated evidence once", () => {
  assert.equal(recallAt({ diaIds: [] }, [], { k: 5 }), 1);
  assert.equal(recallAt({ diaIds: ["D1:1"] }, ["D1:1", "D1:1"], { k: 5 }), 1);
});

Deno.test("recallAt() rejects k ≤ 0 and NaN with a RangeError", () => {
  for (const k of [0, -1, NaN, 2.5]) {
    assert.throws(() => recallAt({ diaIds: [] }, [], { k: k }), RangeError);
  }
});
