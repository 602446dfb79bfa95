import assert from "node:assert/strict";
import { stemmedTokens, tokenF1, tokenListF1 } from "./token_f1.ts";

Deno.test("tokenF1() gives partial credit through shared stems", () => {
  assert.equal(tokenF1("painting a sunset", "She painted sunsets"), 0.8);
  assert.equal(tokenF1("the cat sat", "a cat and a dog sat"), 0.8);
  assert.equal(tokenF1("Paris", "paris."), 1);
});

Deno.test("tokenF1() counts repeated tokens as a multiset", () => {
  assert.equal(tokenF1("cat cat cat", "cat"), 0.5);
  assert.equal(tokenF1("cat dog", "cat cat dog dog"), 2 / 3);
});

Deno.test("tokenF1() is 0, not a division by zero, when a side normalises to nothing", () => {
  assert.equal(tokenF1("", "cat"), 0);
  assert.equal(tokenF1("cat", "!!!"), 0);
  assert.equal(tokenF1("the", "a"), 0);
  assert.equal(tokenF1("", ""), 0);
});

Deno.test("tokenF1() keeps Python's lowercase of İ, which does not match a plain i", () => {
  assert.equal(tokenF1("\u0130stanbul", "istanbul"), 0);
});

Deno.test("stemmedTokens() and tokenListF1() reproduce tokenF1 from pre-stemmed tokens", () => {
  assert.deepEqual(stemmedTokens("The running dogs"), ["run", "dog"]);
  assert.equal(
    tokenListF1(stemmedTokens("dogs ran"), stemmedTokens("dog")),
    tokenF1("dogs ran", "dog"),
  );
});
