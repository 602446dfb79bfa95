import assert from "node:assert/strict";
import { readPrompt } from "./prompt_reader.ts";
import { testPrompt } from "./test_prompt.ts";
import {
  type ChatMessage,
  conversationHeader,
  EVIDENCE_HEADER,
  MEMORY_HEADER,
  renderMemoryLine,
  renderUserMessage,
} from "../../protocol/mod.ts";
import { CONVERSATION_LINES, readPrompt as read } from "./prompt_reader.ts";

const line = (label: string, speaker: string, text: string) =>
  renderMemoryLine({
    label,
    date: `${label.length} May 2023`,
    tag: "",
    speaker,
    text,
    imageCaption: undefined,
  });

function userPrompt(header: string, lines: string[]): ChatMessage[] {
  return [
    { role: "system", content: "Answer from the memories." },
    {
      role: "user",
      content: renderUserMessage("Where did Ben hike last week?", { header, lines }),
    },
  ];
}

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
  assert.deepEqual(readPrompt(junk), { question: "", lines: [], source: "none" });
  assert.deepEqual(readPrompt("nope" as unknown as ChatMessage[]), {
    question: "",
    lines: [],
    source: "none",
  });
});

Deno.test("readPrompt() reads every section the program renders; headers are never lines", () => {
  const turns = [
    line("D1:1", "Ann", "I baked bread today."),
    line("D1:2", "Ben", "I hiked Mount Tam last week."),
    line("D1:3", "Ann", "Nice, was it sunny?"),
  ];
  for (
    const [header, source] of [[MEMORY_HEADER, "memory"], [EVIDENCE_HEADER, "evidence"], [
      conversationHeader(4),
      "conversation",
    ]] as const
  ) {
    const got = read(userPrompt(header, turns));
    assert.equal(got.source, source);
    assert.equal(got.question, "Where did Ben hike last week?");
    assert.equal(got.lines.length, 3, header);
    for (const l of got.lines) assert.notEqual(l.speaker, "", "no header became a line");
    // Unranked sections are ranked by the question; memory keeps the retriever's order.
    assert.equal(
      got.lines[0]!.text,
      source === "memory" ? "I baked bread today." : "I hiked Mount Tam last week.",
    );
  }
});

Deno.test("readPrompt() keeps a conversation's most relevant lines; no-memory reads the question", () => {
  const turns = Array.from({ length: 40 }, (_, i) => line(`D1:${i}`, "Ann", `Filler turn ${i}.`));
  turns.splice(25, 0, line("D2:1", "Ben", "I hiked Mount Tam last week."));
  const got = read(userPrompt(conversationHeader(0), turns));
  assert.equal(got.lines.length, CONVERSATION_LINES);
  assert.equal(got.lines[0]!.text, "I hiked Mount Tam last week.");
  const none = read(userPrompt("", []));
  assert.equal(none.source, "question");
  assert.deepEqual(none.lines.map((l) => l.text), ["Where did Ben hike last week?"]);
  const empty = read(userPrompt(EVIDENCE_HEADER, []));
  assert.equal(empty.source, "question");
});
