import assert from "node:assert/strict";
import { DECISION_FEATURES, SPAN_FEATURES, SPAN_INDEX } from "./feature_layout.ts";
import { promptFeatures } from "./prompt_features.ts";
import { testPrompt } from "./test_prompt.ts";

const config = {
  maxSpanLength: 5,
  maxCandidates: 1500,
  relativeDates: true,
  spanMask: new Float64Array(SPAN_FEATURES.length).fill(1),
  decisionMask: new Float64Array(DECISION_FEATURES.length).fill(1),
  yesNo: true,
};

function featureOf(question: string, text: string, name: string): number {
  const pf = promptFeatures(testPrompt(question), config);
  const c = pf.candidates.findIndex((cand) => cand.text === text);
  assert.ok(c >= 0, `candidate "${text}" exists`);
  return pf.span[c * SPAN_FEATURES.length + SPAN_INDEX.get(name)!]!;
}

Deno.test("promptFeatures() marks dates as fitting when-questions and misfitting others", () => {
  const when = "When did Ann go to the pottery class?";
  const what = "What did Ann do at the pottery class?";
  assert.equal(featureOf(when, "7 May 2023", "type_fits"), 1);
  assert.equal(featureOf(when, "pottery class", "when_not_date"), 1);
  assert.equal(featureOf(what, "7 May 2023", "date_misfit"), 1);
  assert.equal(featureOf(what, "7 May 2023", "type_fits"), 0);
});

Deno.test("promptFeatures() prefers a line's resolved relative date over its session date", () => {
  const when = "When did Ann go to the pottery class?";
  assert.equal(featureOf(when, "8 May 2023", "date_superseded"), 1, "the line says yesterday");
  assert.equal(featureOf(when, "7 May 2023", "date_superseded"), 0);
  assert.equal(featureOf(when, "9 June 2023", "date_superseded"), 0, "no relative word there");
});

Deno.test("promptFeatures() scores spans by their sentence's overlap and their new words", () => {
  const q = "What did Ben's brother Tom adopt?";
  assert.equal(featureOf(q, "two cats", "sent_is_best"), 1);
  assert.equal(featureOf(q, "Lake Tahoe", "sent_is_best"), 0);
  assert.equal(featureOf(q, "two cats", "all_repeat"), 0);
  assert.equal(featureOf(q, "Tom adopted", "all_repeat"), 1, "repeats the question only");
  assert.ok(featureOf(q, "two cats", "window_overlap_idf") > 0, "next to 'adopted'");
  assert.equal(featureOf("What is the name of Ben's brother?", "Tom", "entity_fits"), 1);
});

Deno.test("promptFeatures() offers Yes and No after the spans on a yes/no question only", () => {
  const yesNo = promptFeatures(testPrompt("Did Ben's brother adopt two cats?"), config);
  assert.deepEqual(yesNo.candidates.slice(yesNo.spanCount).map((c) => c.text), ["Yes", "No"]);
  assert.ok(yesNo.spanCount > 10, "the spans are still offered");
  const what = promptFeatures(testPrompt("What did Ben's brother adopt?"), config);
  assert.equal(what.candidates.length, what.spanCount, "no yes/no form for a wh-question");
  const off = promptFeatures(testPrompt("Did Ben's brother adopt two cats?"), {
    ...config,
    yesNo: false,
  });
  assert.equal(off.candidates.length, off.spanCount, "feature group yesno disabled");
});
