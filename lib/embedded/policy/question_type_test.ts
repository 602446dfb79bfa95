import assert from "node:assert/strict";
import { questionType } from "./question_type.ts";

Deno.test("questionType() maps wording to the answer type asked for", () => {
  assert.equal(questionType("When did Caroline go to the LGBTQ support group?"), "when");
  assert.equal(questionType("In which month's game did John score?"), "when");
  assert.equal(questionType("What year did they move?"), "when");
  assert.equal(questionType("How many children does Melanie have?"), "howmany");
  assert.equal(questionType("Who gave Caroline the necklace?"), "who");
  assert.equal(questionType("Where did Melanie camp?"), "where");
  assert.equal(questionType("What did Caroline research?"), "what");
  assert.equal(questionType("Why did he quit?"), "why");
  assert.equal(questionType("How did she feel?"), "how");
  assert.equal(questionType("Would Caroline enjoy hiking?"), "yesno");
  assert.equal(questionType(""), "other");
});
