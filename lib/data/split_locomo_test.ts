import assert from "node:assert/strict";
import { parseLocomo } from "./load_locomo.ts";
import { resolveSplitConfig, serializeSplit, splitLocomo, splitSizes } from "./split_locomo.ts";
import { checkSplits } from "./split_report.ts";

const mini = parseLocomo(
  Deno.readTextFileSync(new URL("../../data/sample/mini_locomo.json", import.meta.url)),
);
const THIRDS = { trainRatio: 1 / 3, valRatio: 1 / 3, testRatio: 1 / 3 };

Deno.test("resolveSplitConfig() fills the defaults 0.6 / 0.2 / 0.2 and seed 42", () => {
  assert.deepEqual(resolveSplitConfig(), {
    trainRatio: 0.6,
    valRatio: 0.2,
    testRatio: 0.2,
    seed: 42,
  });
});

Deno.test("resolveSplitConfig() accepts ratios that sum to 1 within a tolerance", () => {
  assert.doesNotThrow(() =>
    resolveSplitConfig({ trainRatio: 0.6, valRatio: 0.2, testRatio: 0.2000000001 })
  );
  assert.doesNotThrow(() => resolveSplitConfig({ trainRatio: 0.1, valRatio: 0.2, testRatio: 0.7 }));
  assert.doesNotThrow(() => resolveSplitConfig({ trainRatio: 1, valRatio: 0, testRatio: 0 }));
});

Deno.test("resolveSplitConfig() rejects bad ratios and seeds with RangeError naming the value", () => {
  assert.throws(
    () => resolveSplitConfig({ trainRatio: 0.7, valRatio: 0.2, testRatio: 0.2 }),
    (e: unknown) => e instanceof RangeError && /sum to 1.*0\.7/.test(e.message),
  );
  assert.throws(
    () => resolveSplitConfig({ trainRatio: 0.6, valRatio: 0.2, testRatio: 0.19 }),
    RangeError,
  );
  assert.throws(() => resolveSplitConfig({ valRatio: -0.2, testRatio: 0.6 }), /valRatio.*-0\.2/);
  assert.throws(() => resolveSplitConfig({ trainRatio: NaN }), RangeError);
  assert.throws(() => resolveSplitConfig({ seed: 1.5 }), /seed must be an integer, got 1\.5/);
});

Deno.test("splitSizes() rounds by largest remainder and always uses every conversation", () => {
  const defaults = resolveSplitConfig();
  assert.deepEqual(splitSizes(10, defaults), { train: 6, val: 2, test: 2 });
  assert.deepEqual(splitSizes(3, resolveSplitConfig(THIRDS)), { train: 1, val: 1, test: 1 });
  for (let n = 0; n <= 25; n++) {
    const s = splitSizes(n, defaults);
    assert.equal(s.train + s.val + s.test, n);
  }
});

Deno.test("splitLocomo() splits by conversation and covers every question once", () => {
  const splits = splitLocomo(mini, THIRDS);
  assert.deepEqual(checkSplits(splits, mini.questions.map((q) => q.id)), []);
  const all = [splits.train, splits.val, splits.test].flatMap((s) => s.conversations);
  assert.deepEqual(all.sort(), ["mini-1", "mini-2", "mini-3"]);
  for (const s of [splits.train, splits.val, splits.test]) {
    assert.equal(s.conversations.length, 1);
    assert.ok(s.examples.every((e) => s.conversations.includes(e.sampleId)));
  }
});

Deno.test("splitLocomo() writes examples that reference conversations and keep answers as given", () => {
  const splits = splitLocomo(mini, { trainRatio: 1, valRatio: 0, testRatio: 0 });
  assert.equal(splits.train.examples.length, 13);
  assert.deepEqual(splits.val.examples, []);
  for (const e of splits.train.examples) {
    assert.deepEqual(Object.keys(e), [
      "id",
      "sampleId",
      "question",
      "answer",
      "category",
      "evidence",
    ]);
  }
  const byId = new Map(splits.train.examples.map((e) => [e.id, e]));
  assert.equal(byId.get("mini-1:q4")!.answer, 2);
  assert.equal(byId.get("mini-1:q5")!.answer, null);
  assert.deepEqual(splits.train.source, mini.source);
});

Deno.test("splitLocomo() refuses a non-zero ratio that gets no conversation", () => {
  assert.throws(() => splitLocomo(mini), /test ratio 0\.2 gives no conversation out of 3/);
});

Deno.test("serializeSplit() is deterministic two-space JSON with a final newline", () => {
  const a = splitLocomo(mini, THIRDS);
  const b = splitLocomo(structuredClone(mini), THIRDS);
  for (const name of ["train", "val", "test"] as const) {
    const text = serializeSplit(a[name]);
    assert.equal(text, serializeSplit(b[name]));
    assert.ok(text.endsWith("}\n"));
    assert.deepEqual(JSON.parse(text), a[name]);
  }
});
