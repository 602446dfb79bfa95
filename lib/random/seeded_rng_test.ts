import assert from "node:assert/strict";
import { createRng, rngFromState } from "./seeded_rng.ts";

const draws = (rng: ReturnType<typeof createRng>, n: number) =>
  Array.from({ length: n }, (_, i) => (i % 2 === 0 ? rng.float() : rng.int(1000)));

Deno.test("createRng() gives the same sequence for the same seed", () => {
  assert.deepEqual(draws(createRng(42), 20), draws(createRng(42), 20));
  assert.notDeepEqual(draws(createRng(42), 20), draws(createRng(43), 20));
});

Deno.test("createRng() gives well-spread first draws for small seeds", () => {
  const firsts = Array.from({ length: 200 }, (_, seed) => createRng(seed).float());
  const mean = firsts.reduce((a, b) => a + b, 0) / firsts.length;
  assert.ok(mean > 0.4 && mean < 0.6, `mean first draw ${mean}`);
  assert.ok(firsts.filter((x) => x > 0.99).length < 10);
});

Deno.test("rngFromState() continues exactly where the saved state left off", () => {
  const rng = createRng(7);
  draws(rng, 5);
  const saved = rng.state();
  const expected = draws(rng, 10);
  assert.deepEqual(draws(rngFromState(saved), 10), expected);
});

Deno.test("state() returns a copy that later draws do not change", () => {
  const rng = createRng(7);
  const saved = rng.state();
  const copy = [...saved];
  draws(rng, 5);
  assert.deepEqual(saved, copy);
  assert.notDeepEqual(rng.state(), copy);
  assert.ok(JSON.parse(JSON.stringify(saved)).every((n: unknown) => typeof n === "number"));
});

Deno.test("float() stays in [0, 1) and int(n) in [0, n)", () => {
  const rng = createRng(1);
  for (let i = 0; i < 2000; i++) {
    const x = rng.float();
    assert.ok(x >= 0 && x < 1);
    const k = rng.int(3);
    assert.ok(Number.isInteger(k) && k >= 0 && k < 3);
  }
  const seen = new Set(Array.from({ length: 200 }, () => rng.int(3)));
  assert.deepEqual([...seen].sort(), [0, 1, 2]);
});

Deno.test("shuffle() returns a permutation of a copy, reproducibly", () => {
  const items = Array.from({ length: 50 }, (_, i) => i);
  const frozen = [...items];
  const a = createRng(3).shuffle(items);
  assert.deepEqual(items, frozen, "input untouched");
  assert.deepEqual([...a].sort((x, y) => x - y), items);
  assert.notDeepEqual(a, items);
  assert.deepEqual(createRng(3).shuffle(items), a);
  assert.deepEqual(createRng(3).shuffle([]), []);
});

Deno.test("createRng() and int() reject non-integers with RangeError", () => {
  assert.throws(() => createRng(1.5), /seed must be an integer, got 1\.5/);
  assert.throws(() => createRng(NaN), RangeError);
  const rng = createRng(1);
  for (const n of [0, -1, 2.5, NaN]) assert.throws(() => rng.int(n), RangeError, String(n));
});
