/** porterStem against NLTK's PorterStemmer() on LOCOMO's vocabulary and extra words. */

import assert from "node:assert/strict";
import { porterStem } from "../lib/text/mod.ts";

interface StemVectors {
  locomo: Record<string, string>;
  extra: Record<string, string>;
}

const stems: StemVectors = JSON.parse(
  Deno.readTextFileSync(new URL("./fixtures/f1_vectors_stems.json", import.meta.url)),
);

function mismatches(table: Record<string, string>): string[] {
  return Object.entries(table)
    .filter(([word, stem]) => porterStem(word) !== stem)
    .map(([word, stem]) => `${word}: ${porterStem(word)} ≠ ${stem}`);
}

Deno.test("porterStem() matches NLTK on every word of LOCOMO's vocabulary", () => {
  assert.ok(Object.keys(stems.locomo).length > 5000);
  assert.deepEqual(mismatches(stems.locomo).slice(0, 10), []);
});

Deno.test("porterStem() matches NLTK on dictionary words and generated word forms", () => {
  assert.ok(Object.keys(stems.extra).length > 3000);
  assert.deepEqual(mismatches(stems.extra).slice(0, 10), []);
});
