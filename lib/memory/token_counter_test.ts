import assert from "node:assert/strict";
import { createTokenCounter, createTokenCounterPool } from "./token_counter.ts";

Deno.test("createTokenCounter() counts tokens with the chosen encoding", () => {
  using o200k = createTokenCounter();
  using cl100k = createTokenCounter("cl100k_base");
  assert.equal(o200k.encoding, "o200k_base");
  assert.equal(o200k.count(""), 0);
  assert.equal(o200k.count("Hello world"), 2);
  assert.equal(cl100k.count("Hello world"), 2);
});

Deno.test("TokenCounter.count() treats special-token text as plain text", () => {
  using counter = createTokenCounter();
  assert.ok(counter.count("<|endoftext|>") > 1);
});

Deno.test("TokenCounter.count() throws after free()", () => {
  const counter = createTokenCounter();
  counter.free();
  counter.free();
  assert.throws(() => counter.count("hi"), TypeError);
});

Deno.test("createTokenCounter() rejects an unknown encoding with a RangeError", () => {
  // @ts-expect-error: testing a bad value
  assert.throws(() => createTokenCounter("nope"), RangeError);
});

Deno.test("createTokenCounterPool() creates one counter per encoding and frees them all", () => {
  const pool = createTokenCounterPool();
  const first = pool.get();
  assert.equal(pool.get("o200k_base"), first);
  assert.notEqual(pool.get("cl100k_base"), first);
  pool.free();
  assert.throws(() => first.count("hi"), TypeError);
});
