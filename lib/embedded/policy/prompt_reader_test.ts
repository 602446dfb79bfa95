import assert from "node:assert/strict";
import { readPrompt } from "./prompt_reader.ts";
import { testPrompt } from "./test_prompt.ts";
import type { ChatMessage } from "../../protocol/mod.ts";

Deno.test("readPrompt() reads the question, dates, speakers and texts of memory lines", () => {
  const read = readPrompt(testPrompt());
  assert.equal(read.question, "When did Ann go to the pottery class?");
  assert.equal(read.lines.length, 3);
  assert.deepEqual(read.lines[1], {
    rank: 1,
    date: "25 May 2023",
    speaker: "Ben",
    text: "My brother Tom adopted two cats last week. [shared image: a photo of two kittens]",
  });
});

Deno.test("readPrompt() degrades to plain lines for unknown formats and never throws", () => {
  const plain = readPrompt([{ role: "user", content: "Tom has two cats.\nWho has cats?" }]);
  assert.equal(plain.question, "Who has cats?");
  assert.deepEqual(plain.lines.map((l) => [l.date, l.speaker, l.text]), [[
    "",
    "",
    "Tom has two cats.",
  ]]);
  const junk = [null, 3, { role: "user", content: 5 }, {
    role: "tool",
  }] as unknown as ChatMessage[];
  assert.deepEqual(readPrompt(junk), { question: "", lines: [] });
  assert.deepEqual(readPrompt("nope" as unknown as ChatMessage[]), { question: "", lines: [] });
});
