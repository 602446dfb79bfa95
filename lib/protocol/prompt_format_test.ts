import assert from "node:assert/strict";
import {
  conversationHeader,
  EVIDENCE_HEADER,
  MEMORY_HEADER,
  NO_MEMORIES,
  parseMemoryLine,
  parseQuestion,
  renderMemoryLine,
  renderUserMessage,
  sectionHeaderKind,
} from "./prompt_format.ts";

Deno.test("renderMemoryLine() and parseMemoryLine() agree on the memory-line layout", () => {
  const line = renderMemoryLine({
    label: "D2:7",
    date: "25 May 2023",
    tag: "",
    speaker: "Ben",
    text: "My brother  adopted\ntwo cats.",
    imageCaption: "a photo of two kittens",
  });
  assert.equal(
    line,
    "[D2:7 | 25 May 2023] Ben: My brother adopted two cats. [shared image: a photo of two kittens]",
  );
  assert.deepEqual(parseMemoryLine(line), {
    ids: "D2:7",
    date: "25 May 2023",
    rest: "Ben: My brother adopted two cats. [shared image: a photo of two kittens]",
  });
  assert.equal(parseMemoryLine("no brackets here"), null);
});

Deno.test("renderUserMessage() lays out header, lines or (none), blank line, question", () => {
  assert.equal(
    renderUserMessage("Who?", { header: MEMORY_HEADER, lines: ["[D1:1 | 8 May 2023] Ann: Hi"] }),
    `${MEMORY_HEADER}\n[D1:1 | 8 May 2023] Ann: Hi\n\nQuestion: Who?`,
  );
  assert.equal(
    renderUserMessage("Who?", { header: MEMORY_HEADER, lines: [] }),
    `${MEMORY_HEADER}\n(none)\n\nQuestion: Who?`,
  );
  assert.equal(renderUserMessage("Who?", { header: "", lines: [] }), "Question: Who?");
  assert.equal(renderUserMessage("Who?"), "Question: Who?");
  assert.equal(parseQuestion("Question:  Who? "), "Who?");
  assert.equal(parseQuestion("Who?"), null);
  assert.equal(conversationHeader(0), "The conversation (oldest first):");
  assert.equal(
    conversationHeader(3),
    "The conversation (oldest first; the 3 earliest turns were cut to fit):",
  );
});

Deno.test("sectionHeaderKind() tells every header the program renders, and nothing else", () => {
  assert.equal(sectionHeaderKind(MEMORY_HEADER), "memory");
  assert.equal(sectionHeaderKind(EVIDENCE_HEADER), "evidence");
  assert.equal(sectionHeaderKind(conversationHeader(0)), "conversation");
  assert.equal(sectionHeaderKind(conversationHeader(12)), "conversation");
  assert.equal(
    sectionHeaderKind("[D1:3 | 8 May 2023] Ann: The conversation (oldest first):"),
    null,
  );
  assert.equal(sectionHeaderKind(NO_MEMORIES), null);
});
