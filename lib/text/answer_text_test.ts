import assert from "node:assert/strict";
import { isAbstention, normalizeAnswer } from "./answer_text.ts";

Deno.test("normalizeAnswer() drops commas, case, punctuation and articles", () => {
  assert.equal(normalizeAnswer("The cat, and A dog!"), "cat dog");
  assert.equal(normalizeAnswer("Don't-stop, the music"), "dontstop music");
  assert.equal(normalizeAnswer("1,000"), "1000");
});

Deno.test("normalizeAnswer() removes only whole words, with Unicode word boundaries", () => {
  assert.equal(normalizeAnswer("\u00e9the cat"), "\u00e9the cat");
  assert.equal(normalizeAnswer("the\u0301 cat"), "the\u0301 cat");
  assert.equal(normalizeAnswer("theme and anthem"), "theme anthem");
  assert.equal(normalizeAnswer("a\u00b2"), "\u00b2");
});

Deno.test("normalizeAnswer() removes articles exposed by punctuation removal", () => {
  assert.equal(normalizeAnswer("(the) cat"), "cat");
  assert.equal(normalizeAnswer("the-end"), "theend");
});

Deno.test("normalizeAnswer() collapses Python whitespace and keeps non-ASCII punctuation", () => {
  assert.equal(normalizeAnswer("cat\x1cdog\u00a0\ufeffbird"), "cat dog \ufeffbird");
  assert.equal(normalizeAnswer("\u201cquoted\u201d"), "\u201cquoted\u201d");
  assert.equal(normalizeAnswer("!!! ..."), "");
});

Deno.test("isAbstention() recognises the official refusal phrases in any case", () => {
  assert.equal(isAbstention("Not mentioned in the conversation."), true);
  assert.equal(isAbstention("NO INFORMATION AVAILABLE"), true);
  assert.equal(isAbstention("It was not mentioned"), true);
});

Deno.test("isAbstention() rejects near misses the official scorer rejects", () => {
  assert.equal(isAbstention("not  mentioned"), false);
  assert.equal(isAbstention("No information"), false);
  assert.equal(isAbstention("unknown"), false);
  assert.equal(isAbstention(""), false);
});
