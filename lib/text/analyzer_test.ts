import assert from "node:assert/strict";
import { analyze, resolveAnalyzerOptions, words } from "./analyzer.ts";

Deno.test("words() lowercases, drops possessive 's and joins contractions", () => {
  assert.deepEqual(words("Mel's kids DON'T swim, 2 times."), [
    "mel",
    "kids",
    "dont",
    "swim",
    "2",
    "times",
  ]);
});

Deno.test("analyze() removes stopwords and stems by default", () => {
  assert.deepEqual(analyze("When did Caroline go painting?", resolveAnalyzerOptions()), [
    "carolin",
    "paint",
  ]);
});

Deno.test("analyze() keeps everything when stemming and stopwords are off", () => {
  const config = resolveAnalyzerOptions({ stem: false, removeStopwords: false });
  assert.deepEqual(analyze("When did she go painting?", config), [
    "when",
    "did",
    "she",
    "go",
    "painting",
  ]);
});

Deno.test("analyze() uses an injected stemmer", () => {
  const config = resolveAnalyzerOptions({ stemmer: (w) => w.slice(0, 3) });
  assert.deepEqual(analyze("pottery classes", config), ["pot", "cla"]);
});
