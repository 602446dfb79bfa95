import assert from "node:assert/strict";
import { enumerateCandidates, normaliseAnswer, tokeniseLines } from "./candidates.ts";
import { readPrompt } from "./prompt_reader.ts";
import { testPrompt } from "./test_prompt.ts";

const limits = { maxSpanLength: 5, maxCandidates: 1500, relativeDates: true };

Deno.test("enumerateCandidates() offers session dates, their parts and resolved relative dates", () => {
  const cands = enumerateCandidates(tokeniseLines(readPrompt(testPrompt()).lines), limits);
  const texts = cands.map((c) => c.text);
  for (const t of ["8 May 2023", "May 2023", "2023", "7 May 2023", "The week before 25 May 2023"]) {
    assert.ok(texts.includes(t), `missing ${t}`);
  }
  assert.ok(texts.includes("pottery class"));
  assert.ok(texts.includes("Lake Tahoe"));
  assert.ok(texts.includes("Ben"), "speakers are candidates");
});

Deno.test("enumerateCandidates() keeps spans inside a sentence, without edge stopwords, capped", () => {
  const cands = enumerateCandidates(tokeniseLines(readPrompt(testPrompt()).lines), limits);
  const spans = cands.filter((c) => c.kind === "span").map((c) => c.key);
  assert.ok(!spans.includes("to a pottery"), "no leading stopword");
  assert.ok(!spans.includes("relaxing my"), "no span across lines");
  assert.ok(!spans.some((s) => s.startsWith("week my")), "no span across a sentence end");
  const capped = enumerateCandidates(tokeniseLines(readPrompt(testPrompt()).lines), {
    ...limits,
    maxCandidates: 7,
  });
  assert.equal(capped.length, 7);
  assert.equal(normaliseAnswer("  The Week, before!  "), "the week before");
});
