import assert from "node:assert/strict";
import { ABSTENTION } from "./program_config.ts";
import { isAbstention } from "../text/mod.ts";
import { parseAnswer } from "./parse_answer.ts";

Deno.test("parseAnswer() takes the text after the last Answer: label", () => {
  const r = parseAnswer("Let me think step by step.\nShe went in May.\nAnswer: 7 May 2023");
  assert.deepEqual(r, { answer: "7 May 2023", abstained: false, formatFailure: false });
  assert.deepEqual(parseAnswer("answer: x\nFinal answer: **Lake Tahoe**").answer, "Lake Tahoe");
});

Deno.test("parseAnswer() strips quotes, fences, bold and a final period", () => {
  assert.deepEqual(parseAnswer('"Berlin".').answer, "Berlin");
  assert.deepEqual(parseAnswer("```\nChicago\n```").answer, "Chicago");
  assert.deepEqual(parseAnswer("“pottery, painting”").answer, "pottery, painting");
  assert.deepEqual(parseAnswer("  Rex,   Milo  ").answer, "Rex, Milo");
});

Deno.test("parseAnswer() drops <think> blocks and reasoning lines", () => {
  assert.deepEqual(parseAnswer("<think>hmm\nlong</think>\nVienna").answer, "Vienna");
  assert.deepEqual(parseAnswer("The memories say she moved.\nBerlin").answer, "Berlin");
});

Deno.test("parseAnswer() reports empty output as a format failure", () => {
  for (const text of ["", "   \n ", null, undefined, "Answer:", '""', "<think>x</think>"]) {
    const r = parseAnswer(text);
    assert.deepEqual(r.formatFailure, true, JSON.stringify(text));
    assert.deepEqual(r.answer, "");
  }
});

Deno.test("parseAnswer() recognises abstentions and normalises them", () => {
  for (
    const text of [
      "Not mentioned in the conversation.",
      "This is not mentioned.",
      "No information available",
    ]
  ) {
    const r = parseAnswer(text);
    assert.deepEqual(r, { answer: ABSTENTION, abstained: true, formatFailure: false });
  }
  assert.deepEqual(isAbstention(ABSTENTION), true);
  assert.deepEqual(isAbstention("mentioned twice"), false);
});

Deno.test("parseAnswer() stops at an explanation line after the Answer: label", () => {
  assert.deepEqual(
    parseAnswer("Answer: Paris\nExplanation: the memories say so.").answer,
    "Paris",
  );
  assert.deepEqual(parseAnswer("Answer: 7 May 2023\nBecause she said so.").answer, "7 May 2023");
  assert.deepEqual(parseAnswer("Answer:\n- pottery\n- painting").answer, "- pottery - painting");
});

Deno.test("parseAnswer() reads the answer field of a JSON reply", () => {
  assert.deepEqual(parseAnswer('{"answer": "Paris"}').answer, "Paris");
  assert.deepEqual(parseAnswer('```json\n{"answer": "7 May 2023"}\n```').answer, "7 May 2023");
  assert.deepEqual(parseAnswer('{"answer": ""}').formatFailure, true);
});

Deno.test("parseAnswer() treats an unfinished <think> block as a format failure", () => {
  const r = parseAnswer("<think>She said Paris, or maybe");
  assert.deepEqual(r, { answer: "", abstained: false, formatFailure: true });
});

Deno.test("parseAnswer() keeps inner quotes of an answer that is not one quoted string", () => {
  assert.deepEqual(parseAnswer('"Paris" and "London"').answer, '"Paris" and "London"');
});
