import assert from "node:assert/strict";
import { lineTokens } from "./line_tokens.ts";
import { lineSentences, windowOverlap } from "./sentence_overlap.ts";

const terms = { weight: new Map([["cat", 2], ["adopt", 1]]), total: 3 };

Deno.test("lineSentences() scores each sentence by the share of question terms it holds", () => {
  const s = lineSentences(lineTokens("Hi there! I adopted a cat. It sleeps a lot."), terms);
  assert.deepEqual(s.sentenceOf, [0, 0, 1, 1, 1, 1, 2, 2, 2, 2]);
  assert.deepEqual(s.overlap, [0, 1, 0]);
});

Deno.test("windowOverlap() counts question terms next to a span, not inside it", () => {
  const tokens = lineTokens("I adopted a cat named Tom yesterday");
  assert.equal(windowOverlap(tokens, 5, 6, 2, terms), 2 / 3, "cat is 2 tokens before Tom");
  assert.equal(windowOverlap(tokens, 3, 4, 1, terms), 0, "the span's own words do not count");
  assert.equal(windowOverlap(tokens, 5, 6, 2, { weight: new Map(), total: 0 }), 0);
});
