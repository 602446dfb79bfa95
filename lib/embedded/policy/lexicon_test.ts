import assert from "node:assert/strict";
import { focusWord, isKindOf, kindCues } from "./lexicon.ts";
import { promptFeatures } from "./prompt_features.ts";
import { DECISION_GROUPS, featureMask, SPAN_GROUPS, SPAN_INDEX } from "./feature_layout.ts";
import { testPrompt } from "./test_prompt.ts";

Deno.test("isKindOf() follows WordNet's noun hierarchy upwards only", () => {
  assert.ok(isKindOf("drums", "instrument"));
  assert.ok(isKindOf("sweden", "country"));
  assert.ok(isKindOf("cats", "animals"));
  assert.ok(isKindOf("pottery", "craft"));
  assert.ok(!isKindOf("instrument", "drums"), "not downwards");
  assert.ok(!isKindOf("pizza", "instrument"));
  assert.ok(!isKindOf("drums", "drums"), "not itself");
  assert.ok(!isKindOf("drum", "drums"), "not its own plural");
  assert.ok(!isKindOf("the", "instrument"), "not a stopword");
  assert.ok(!isKindOf("xyzzy", "instrument"), "not an unknown word");
});

Deno.test("focusWord() finds the noun a what/which question asks for", () => {
  assert.equal(focusWord(["what", "kind", "of", "pizza", "does", "james", "like"]), "pizza");
  assert.equal(focusWord(["which", "city", "did", "ann", "visit"]), "city");
  assert.equal(focusWord(["what", "did", "ann", "buy"]), undefined);
  assert.equal(focusWord(["where", "did", "ann", "go"]), undefined);
});

Deno.test("kindCues() tells kinds of the focus from kinds of other question words", () => {
  const cues = kindCues(["what", "animals", "did", "ben", "adopt", "in", "may"], new Set(["ben"]));
  assert.deepEqual(cues("cats"), { ofFocus: true, ofQuestion: true });
  assert.deepEqual(cues("may"), { ofFocus: false, ofQuestion: false });
  assert.deepEqual(cues("tahoe"), { ofFocus: false, ofQuestion: false });
});

Deno.test("promptFeatures() marks the spans that name a kind of the question's focus", () => {
  const config = {
    maxSpanLength: 3,
    maxCandidates: 1500,
    relativeDates: true,
    spanMask: featureMask(SPAN_GROUPS, []),
    decisionMask: featureMask(DECISION_GROUPS, []),
    yesNo: true,
  };
  const pf = promptFeatures(testPrompt("What animals did Ann's brother adopt?"), config);
  const width = SPAN_INDEX.size;
  const isa = (text: string) =>
    pf.span[pf.candidates.findIndex((c) => c.text === text) * width + SPAN_INDEX.get("isa_focus")!];
  assert.equal(isa("cats"), 1);
  assert.equal(isa("two cats"), 1);
  assert.equal(isa("pottery class"), 0);
  assert.equal(isa("brother"), 0);
  const off = promptFeatures(testPrompt("What animals did Ann's brother adopt?"), {
    ...config,
    spanMask: featureMask(SPAN_GROUPS, ["lexicon"]),
  });
  assert.ok(off.span.every((v, i) => i % width !== SPAN_INDEX.get("isa_focus") || v === 0));
});
