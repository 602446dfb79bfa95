import assert from "node:assert/strict";
import { parseLocomo } from "../data/mod.ts";
import { buildMemory } from "../memory/mod.ts";
import { MEMORY_LINE_PATTERN, QUESTION_PREFIX } from "../protocol/mod.ts";
import { resolveProgram } from "./program_config.ts";
import { packUnits, recentWindow, render } from "./render_prompt.ts";

const text = await Deno.readTextFile(
  new URL("../../data/sample/mini_locomo.json", import.meta.url),
);
const dataset = parseLocomo(text);
const conversation = dataset.conversations[0]!;

Deno.test("render() gives a system message and a user message with memory lines and the question", () => {
  using memory = buildMemory(conversation);
  const out = render(resolveProgram({ k: 3 }), memory, {
    question: "Where did Ben go hiking?",
    evidence: ["D1:2"],
  });
  assert.equal(out.messages.length, 2);
  assert.equal(out.messages[0]!.role, "system");
  const user = out.messages[1]!.content;
  assert.ok(user.endsWith(`${QUESTION_PREFIX}Where did Ben go hiking?`));
  const lines = user.split("\n").filter((l) => l.startsWith("["));
  assert.ok(lines.length >= 1 && lines.length <= 3);
  assert.ok(lines.every((l) => MEMORY_LINE_PATTERN.test(l)), lines.join("\n"));
  assert.equal(out.diaIds[0], "D1:2", "the evidence turn ranks first");
  assert.ok(lines[0]!.includes("3 March 2023"), "lines carry the session date");
  assert.ok(out.trace !== undefined);
});

Deno.test("render() keeps the memory within the program's token cap, counting whole units", () => {
  using memory = buildMemory(conversation);
  const cap = memory.units[0]!.tokens + memory.units[1]!.tokens;
  const out = render(resolveProgram({ k: 10, memoryTokens: cap }), memory, {
    question: "pottery bowl hiking dog market",
  });
  assert.ok(out.memoryTokens <= cap);
  assert.ok(out.units.reduce((n, u) => n + u.tokens, 0) <= cap);
  assert.ok(out.omittedUnits > 0);
});

Deno.test("render() builds each comparison system's context", () => {
  using memory = buildMemory(conversation);
  const q = { question: "How many bowls did Ana sell?", evidence: ["D2:2"] };
  const none = render(resolveProgram({ context: "no-memory" }), memory, q);
  assert.deepEqual(none.units, []);
  assert.equal(none.messages[1]!.content, `${QUESTION_PREFIX}${q.question}`);
  const oracle = render(resolveProgram({ context: "oracle-evidence" }), memory, q);
  assert.deepEqual(oracle.diaIds, ["D2:2"]);
  const full = render(resolveProgram({ context: "full-context" }), memory, q);
  assert.equal(full.units.length, memory.units.length);
  assert.deepEqual(full.diaIds, memory.units.map((u) => u.diaIds[0]));
});

Deno.test("render() puts demos as user/assistant pairs before the question", () => {
  using memory = buildMemory(conversation);
  const out = render(
    resolveProgram({ demos: [{ question: "Who?", answer: "Ana" }] }),
    memory,
    { question: "Where?" },
  );
  assert.deepEqual(out.messages.map((m) => m.role), ["system", "user", "assistant", "user"]);
});

Deno.test("recentWindow() keeps the newest units that fit; packUnits() skips units that do not", () => {
  const units = [5, 3, 4, 2].map((tokens, position) => ({ tokens, position })) as never[];
  const recent = recentWindow(units, 6);
  assert.deepEqual(recent.kept.map((u: { position: number }) => u.position), [2, 3]);
  const packed = packUnits(units, 6);
  assert.deepEqual(packed.kept.map((u: { position: number }) => u.position), [0]);
  assert.equal(packUnits(units, 9).tokens, 8);
});
