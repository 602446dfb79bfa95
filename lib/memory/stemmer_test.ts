import assert from "node:assert/strict";
import { porterStem } from "./stemmer.ts";

Deno.test("porterStem() conflates common word forms", () => {
  const cases: [string, string][] = [
    ["painting", "paint"],
    ["painted", "paint"],
    ["paints", "paint"],
    ["agencies", "agenc"],
    ["agency", "agenc"],
    ["running", "run"],
    ["happily", "happili"],
    ["caresses", "caress"],
    ["ponies", "poni"],
    ["relational", "relat"],
    ["hopeful", "hope"],
    ["adoption", "adopt"],
    ["generalization", "gener"],
  ];
  for (const [word, stem] of cases) assert.equal(porterStem(word), stem, word);
});

Deno.test("porterStem() leaves short and non-alphabetic words alone", () => {
  assert.equal(porterStem("is"), "is");
  assert.equal(porterStem("2023"), "2023");
  assert.equal(porterStem("café"), "café");
});
