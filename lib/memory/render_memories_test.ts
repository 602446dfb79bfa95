import assert from "node:assert/strict";
import { buildMemory } from "./build_memory.ts";
import { renderMemories } from "./render_memories.ts";
import { retrieve } from "./retrieve.ts";
import { sampleConversation } from "./sample_conversation.ts";

const QUESTION = "What did Ana and Ben do: pottery, hiking, puppy, beach, vase?";

Deno.test("renderMemories() writes one line per unit with dia_id and session date", () => {
  using memory = buildMemory(sampleConversation());
  const trace = retrieve(memory, "Where does Ben take Biscuit?", { k: 1 });
  const rendered = renderMemories(memory, trace);
  assert.equal(
    rendered.text,
    "[D2:3 | 20 April 2024] Ben: We take Biscuit to the beach every Sunday.",
  );
  assert.equal(rendered.tokens, memory.tokenCounter.count(rendered.text));
});

Deno.test("renderMemories() never exceeds the token cap and never cuts a unit", () => {
  using memory = buildMemory(sampleConversation());
  const trace = retrieve(memory, QUESTION);
  for (const maxTokens of [0, 5, 20, 31, 60, 1000]) {
    const rendered = renderMemories(memory, trace, { maxTokens });
    assert.ok(rendered.tokens <= maxTokens, `${rendered.tokens} > ${maxTokens}`);
    assert.equal(rendered.tokens, memory.tokenCounter.count(rendered.text));
    const lines = rendered.text === "" ? [] : rendered.text.split("\n");
    assert.deepEqual(lines, rendered.units.map((r) => r.unit.line));
    assert.equal(rendered.units.length + rendered.omitted.length, trace.units.length);
  }
});

Deno.test("renderMemories() lets the memory budget bind over a larger cap", () => {
  using memory = buildMemory(sampleConversation(), { memoryTokens: 30 });
  const rendered = renderMemories(memory, retrieve(memory, QUESTION), { maxTokens: 10_000 });
  assert.equal(rendered.budget, 30);
  assert.ok(rendered.tokens <= 30);
  assert.ok(rendered.omitted.length > 0);
});

Deno.test("renderMemories() skips a unit that does not fit and takes smaller ones after it", () => {
  using memory = buildMemory(sampleConversation());
  const trace = retrieve(memory, QUESTION);
  const [first, second] = [...trace.units].sort((a, b) => a.unit.tokens - b.unit.tokens);
  const big = trace.units.find((r) => r.unit.tokens > second!.unit.tokens);
  assert.ok(big);
  const reordered = { ...trace, units: [first!, big, second!] };
  const rendered = renderMemories(memory, reordered, {
    maxTokens: first!.unit.tokens + second!.unit.tokens,
  });
  assert.deepEqual(rendered.units, [first, second]);
  assert.deepEqual(rendered.omitted, [big]);
});

Deno.test("renderMemories() keeps the first k units, in rank or chronological order", () => {
  using memory = buildMemory(sampleConversation());
  const trace = retrieve(memory, QUESTION);
  const byRank = renderMemories(memory, trace, { k: 3 });
  assert.deepEqual(byRank.units, trace.units.slice(0, 3));
  const byTime = renderMemories(memory, trace, { k: 3, order: "chronological" });
  assert.deepEqual(
    byTime.units.map((r) => r.unit.position),
    byRank.units.map((r) => r.unit.position).sort((a, b) => a - b),
  );
});

Deno.test("renderMemories() rejects bad options and a trace from another memory", () => {
  using memory = buildMemory(sampleConversation());
  const trace = retrieve(memory, QUESTION);
  for (const options of [{ k: 0 }, { maxTokens: -1 }, { maxTokens: NaN }]) {
    assert.throws(() => renderMemories(memory, trace, options), RangeError);
  }
  using other = buildMemory({ ...sampleConversation(), sampleId: "other" });
  assert.throws(() => renderMemories(other, trace), TypeError);
});

Deno.test("renderMemories() renders an empty trace as empty text", () => {
  using memory = buildMemory(sampleConversation());
  const rendered = renderMemories(memory, retrieve(memory, "xylophone"));
  assert.equal(rendered.text, "");
  assert.equal(rendered.tokens, 0);
});
