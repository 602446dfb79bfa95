import assert from "node:assert/strict";
import { readCompletion } from "./read_completion.ts";

const reply = (content: unknown) => ({
  choices: [{ message: { role: "assistant", content }, finish_reason: "stop" }],
  usage: { prompt_tokens: 4, completion_tokens: 1 },
});

Deno.test("readCompletion() reads texts, finish reason and usage", () => {
  assert.deepEqual(readCompletion(reply("yes")), {
    ok: true,
    value: {
      texts: ["yes"],
      finishReason: "stop",
      usage: { promptTokens: 4, completionTokens: 1 },
    },
  });
});

Deno.test("readCompletion() finds no answer in null, text, no choices, null or blank content", () => {
  for (
    const body of [null, "<html>", [], {}, { choices: [] }, reply(null), reply("  "), reply(3)]
  ) {
    const read = readCompletion(body);
    assert.equal(read.ok, false, JSON.stringify(body));
  }
});

Deno.test("readCompletion() counts missing usage as zero tokens", () => {
  const read = readCompletion({ choices: [{ message: { content: "a" } }] });
  assert.ok(read.ok);
  assert.deepEqual(read.value.usage, { promptTokens: 0, completionTokens: 0 });
  assert.equal(read.value.finishReason, null);
});
