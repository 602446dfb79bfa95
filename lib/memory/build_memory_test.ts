import assert from "node:assert/strict";
import { buildMemory } from "./build_memory.ts";
import { sampleConversation } from "./sample_conversation.ts";
import { createTokenCounter } from "./token_counter.ts";

Deno.test("buildMemory() makes one dialogue unit per turn, keeping dia_id, speaker and date", () => {
  using memory = buildMemory(sampleConversation());
  assert.deepEqual(memory.units.map((u) => u.diaIds), [
    ["D1:1"],
    ["D1:2"],
    ["D1:3"],
    ["D1:4"],
    ["D2:1"],
    ["D2:2"],
    ["D2:3"],
    ["D2:4"],
  ]);
  assert.ok(memory.units.every((u) => u.source === "dialogue" && !u.generated));
  const bowl = memory.units[2]!;
  assert.equal(bowl.speaker, "Ana");
  assert.equal(bowl.sessionDate, "3 March 2024");
  assert.equal(
    bowl.line,
    "[D1:3 | 3 March 2024] Ana: A small blue bowl. Here it is. " +
      "[shared image: a photo of a blue ceramic bowl on a table]",
  );
});

Deno.test("buildMemory() counts each unit's tokens with its tokenizer", () => {
  using counter = createTokenCounter("cl100k_base");
  using memory = buildMemory(sampleConversation(), { tokenCounter: counter });
  for (const unit of memory.units) assert.equal(unit.tokens, counter.count(unit.line + "\n"));
  assert.equal(memory.totalTokens, memory.units.reduce((s, u) => s + u.tokens, 0));
  assert.equal(memory.memoryTokens, 20_000);
});

Deno.test("buildMemory() leaves captions out when imageCaptions is false", () => {
  using memory = buildMemory(sampleConversation(), { imageCaptions: false });
  assert.equal(memory.units[2]!.imageCaption, undefined);
  assert.ok(!memory.units[2]!.line.includes("ceramic"));
});

Deno.test("buildMemory() adds generated observations and summaries only on request, labelled", () => {
  using memory = buildMemory(sampleConversation(), {
    sources: ["dialogue", "observation", "session_summary"],
  });
  const generated = memory.units.filter((u) => u.generated);
  assert.deepEqual(generated.map((u) => u.source), [
    "observation",
    "session_summary",
    "observation",
  ]);
  assert.ok(generated.every((u) => /\(generated (observation|session summary)\)/.test(u.line)));
  assert.deepEqual(generated[0]!.diaIds, ["D1:1"]);
  assert.deepEqual(generated[1]!.diaIds, []);
  assert.deepEqual(memory.units.map((u) => u.position), memory.units.map((_, i) => i));
});

Deno.test("buildMemory() handles an empty and a one-turn conversation", () => {
  const empty = { ...sampleConversation(), sessions: [], observations: [], sessionSummaries: [] };
  using none = buildMemory(empty);
  assert.equal(none.units.length, 0);
  assert.equal(none.totalTokens, 0);
  const first = sampleConversation().sessions[0]!;
  using one = buildMemory({ ...empty, sessions: [{ ...first, turns: [first.turns[0]!] }] });
  assert.deepEqual(one.units.map((u) => u.id), ["D1:1"]);
});

Deno.test("buildMemory() rejects bad options with RangeErrors", () => {
  for (const memoryTokens of [-1, 1.5, NaN, Infinity]) {
    assert.throws(() => buildMemory(sampleConversation(), { memoryTokens }), RangeError);
  }
  // @ts-expect-error: testing a bad value
  assert.throws(() => buildMemory(sampleConversation(), { sources: ["qa"] }), RangeError);
});

Deno.test("Memory.free() frees only a tokenizer the memory created", () => {
  const counter = createTokenCounter();
  const injected = buildMemory(sampleConversation(), { tokenCounter: counter });
  injected.free();
  assert.equal(counter.count("still alive"), 2);
  counter.free();
  const owned = buildMemory(sampleConversation());
  owned.free();
  assert.throws(() => owned.tokenCounter.count("gone"), TypeError);
});
