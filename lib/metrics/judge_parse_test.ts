import assert from "node:assert/strict";
import { JudgeParseError } from "./judge_errors.ts";
import { parseJudgeVerdict } from "./judge_parse.ts";

Deno.test("parseJudgeVerdict() reads plain JSON", () => {
  assert.deepEqual(parseJudgeVerdict('{"reason": "Same place.", "label": "CORRECT"}'), {
    label: "CORRECT",
    reason: "Same place.",
  });
});

Deno.test("parseJudgeVerdict() reads JSON in a code fence with prose around it", () => {
  const text = 'Here you go:\n```json\n{"reasoning": "Other year.", "label": "WRONG"}\n```\nDone.';
  assert.deepEqual(parseJudgeVerdict(text), { label: "WRONG", reason: "Other year." });
});

Deno.test("parseJudgeVerdict() accepts wrong case and single quotes", () => {
  assert.equal(parseJudgeVerdict("{'label': 'correct'}").label, "CORRECT");
  assert.equal(parseJudgeVerdict('{"Label": "Wrong"}').label, "WRONG");
  assert.equal(parseJudgeVerdict('{"label": "incorrect."}').label, "WRONG");
});

Deno.test("parseJudgeVerdict() reads a label from truncated JSON", () => {
  assert.equal(
    parseJudgeVerdict('{"reason": "Matches the gold.", "label": "CORRECT"').label,
    "CORRECT",
  );
});

Deno.test("parseJudgeVerdict() reads a label from prose", () => {
  assert.equal(parseJudgeVerdict("Both say Paris, so the label is correct.").label, "CORRECT");
  assert.equal(parseJudgeVerdict("Label: WRONG. It names another city.").label, "WRONG");
  assert.equal(parseJudgeVerdict("It could be CORRECT, but it is WRONG").label, "WRONG");
  assert.equal(parseJudgeVerdict("The generated answer is not correct.").label, "WRONG");
  assert.equal(parseJudgeVerdict("the answer is correct").reason, "the answer is correct");
});

Deno.test("parseJudgeVerdict() reads a negated label in prose as WRONG", () => {
  assert.equal(parseJudgeVerdict("Label: NOT CORRECT").label, "WRONG");
  assert.equal(parseJudgeVerdict("Verdict: not correct, it names Rome.").label, "WRONG");
  assert.equal(parseJudgeVerdict("It is WRONG: the answer is NOT CORRECT").label, "WRONG");
});

Deno.test("parseJudgeVerdict() rejects a reply with no label", () => {
  assert.throws(() => parseJudgeVerdict("I cannot decide."), JudgeParseError);
  assert.throws(() => parseJudgeVerdict('{"label": "maybe"}'), JudgeParseError);
  assert.throws(() => parseJudgeVerdict(""), JudgeParseError);
});
