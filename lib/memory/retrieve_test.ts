import assert from "node:assert/strict";
import { buildMemory } from "./build_memory.ts";
import { retrieve } from "./retrieve.ts";
import { sampleConversation } from "./sample_conversation.ts";

Deno.test("retrieve() ranks the turn that answers the question first", () => {
  using memory = buildMemory(sampleConversation());
  const trace = retrieve(memory, "What is the name of the puppy Ben's sister adopted?");
  assert.equal(trace.diaIds[0], "D2:1");
  assert.deepEqual(trace.units.map((u) => u.rank), trace.units.map((_, i) => i + 1));
  for (let i = 1; i < trace.units.length; i++) {
    assert.ok(trace.units[i - 1]!.score >= trace.units[i]!.score);
  }
});

Deno.test("retrieve() finds a turn through its image caption", () => {
  using memory = buildMemory(sampleConversation());
  assert.equal(retrieve(memory, "What colour was Ana's ceramic bowl?").diaIds[0], "D1:3");
});

Deno.test("retrieve() records evidence hits and misses", () => {
  using memory = buildMemory(sampleConversation());
  const trace = retrieve(memory, "Where does Ben take Biscuit?", {
    k: 1,
    evidence: ["D2:3", "D1:4"],
  });
  assert.deepEqual(trace.diaIds, ["D2:3"]);
  assert.deepEqual(trace.evidence, {
    ids: ["D2:3", "D1:4"],
    hit: ["D2:3"],
    missed: ["D1:4"],
    recall: 0.5,
  });
  assert.equal(trace.tokens, trace.units[0]!.unit.tokens);
});

Deno.test("retrieve() is deterministic", () => {
  using memory = buildMemory(sampleConversation());
  const question = "What did Ana make at pottery?";
  const first = retrieve(memory, question);
  for (let i = 0; i < 3; i++) assert.deepEqual(retrieve(memory, question), first);
});

Deno.test("retrieve() keeps at most k units and leaves out units that score 0", () => {
  using memory = buildMemory(sampleConversation());
  assert.equal(retrieve(memory, "pottery", { k: 1 }).units.length, 1);
  assert.deepEqual(retrieve(memory, "xylophone quartz").units, []);
});

Deno.test("retrieve() works on empty and one-turn memories", () => {
  const empty = { ...sampleConversation(), sessions: [], observations: [], sessionSummaries: [] };
  using none = buildMemory(empty);
  const trace = retrieve(none, "Where is the bowl?", { evidence: ["D1:3"] });
  assert.deepEqual(trace.diaIds, []);
  assert.equal(trace.evidence?.recall, 0);
  const first = sampleConversation().sessions[0]!;
  using one = buildMemory({ ...empty, sessions: [{ ...first, turns: [first.turns[0]!] }] });
  assert.deepEqual(retrieve(one, "When did Ana start pottery classes?").diaIds, ["D1:1"]);
});

Deno.test("retrieve() rejects bad options with RangeErrors", () => {
  using memory = buildMemory(sampleConversation());
  const bad = [{ k: 0 }, { k: -3 }, { k: NaN }, { k1: -1 }, { b: 2 }, { neighbourWeight: NaN }];
  for (const options of bad) assert.throws(() => retrieve(memory, "pottery", options), RangeError);
});
