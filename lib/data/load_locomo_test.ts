import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { loadLocomo, normaliseEvidence, parseLocomo } from "./load_locomo.ts";

const MINI_URL = new URL("../../data/sample/mini_locomo.json", import.meta.url);
const miniText = Deno.readTextFileSync(MINI_URL);
// deno-lint-ignore no-explicit-any
const mutated = (mutate: (samples: any[]) => void): string => {
  const samples = JSON.parse(miniText);
  mutate(samples);
  return JSON.stringify(samples);
};

Deno.test("parseLocomo() reads conversations and questions with stable ids", () => {
  const data = parseLocomo(miniText);
  assert.deepEqual(data.conversations.map((c) => c.sampleId), ["mini-1", "mini-2", "mini-3"]);
  assert.equal(data.questions.length, 13);
  assert.deepEqual(data.questions.slice(0, 2).map((q) => q.id), ["mini-1:q0", "mini-1:q1"]);
  assert.deepEqual(data.questions[0], {
    id: "mini-1:q0",
    sampleId: "mini-1",
    question: "What pets does Ben have?",
    answer: "Rex, Milo",
    category: 1,
    evidence: ["D1:2", "D2:1"],
  });
});

Deno.test("parseLocomo() keeps an integer answer as a number", () => {
  const q = parseLocomo(miniText).questions.find((q) => q.id === "mini-1:q4")!;
  assert.equal(q.answer, 2);
});

Deno.test("parseLocomo() keeps a category-5 trap answer out of the gold answer", () => {
  const q = parseLocomo(miniText).questions.find((q) => q.id === "mini-1:q5")!;
  assert.equal(q.category, 5);
  assert.equal(q.answer, null);
  assert.equal(q.adversarialAnswer, "two bowls");
});

Deno.test("parseLocomo() ignores session dates that have no session", () => {
  const [mini1] = parseLocomo(miniText).conversations;
  assert.deepEqual(mini1!.sessions.map((s) => s.index), [1, 2]);
});

Deno.test("parseLocomo() sorts sessions numerically, not as text", () => {
  const text = mutated((d) => {
    const conv = d[0].conversation;
    const turn = conv.session_1[0];
    const out: Record<string, unknown> = { speaker_a: conv.speaker_a, speaker_b: conv.speaker_b };
    for (const n of [1, 10, 11, 2, 3, 4, 5, 6, 7, 8, 9]) {
      out[`session_${n}_date_time`] = `9:00 am on ${n} May, 2023`;
      out[`session_${n}`] = [{ ...turn, dia_id: `D${n}:1` }];
    }
    d[0].conversation = out;
  });
  const sessions = parseLocomo(text).conversations[0]!.sessions;
  assert.deepEqual(sessions.map((s) => s.index), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  assert.equal(sessions[9]!.date, "2023-05-10T09:00:00");
  assert.equal(sessions[9]!.turns[0]!.diaId, "D10:1");
});

Deno.test("parseLocomo() parses session dates into ISO dates and keeps the original", () => {
  const s = parseLocomo(miniText).conversations[0]!.sessions[0]!;
  assert.equal(s.dateTime, "10:15 am on 3 March, 2023");
  assert.equal(s.date, "2023-03-03T10:15:00");
});

Deno.test("parseLocomo() keeps image captions, addresses and queries", () => {
  const turn = parseLocomo(miniText).conversations[0]!.sessions[0]!.turns[2]!;
  assert.equal(turn.imageCaption, "a photo of a blue ceramic bowl");
  assert.deepEqual(turn.imageUrls, ["https://example.org/bowl.jpg"]);
  assert.equal(turn.imageQuery, "blue bowl");
  const plain = parseLocomo(miniText).conversations[0]!.sessions[0]!.turns[0]!;
  assert.deepEqual(Object.keys(plain).sort(), ["diaId", "speaker", "text"]);
});

Deno.test("parseLocomo() reads observations and session summaries when present", () => {
  const text = mutated((d) => {
    d[0].observation = {
      session_1_observation: { Ana: [["Ana takes pottery classes.", "D1:1"]] },
      session_2_observation: { Ben: [["Ben has two dogs.", ["D1:2", "D2:1"]]] },
    };
    d[0].session_summary = { session_2_summary: "Dogs.", session_1_summary: "Pottery." };
  });
  const c = parseLocomo(text).conversations[0]!;
  assert.deepEqual(c.observations, [
    { session: 1, speaker: "Ana", text: "Ana takes pottery classes.", diaIds: ["D1:1"] },
    { session: 2, speaker: "Ben", text: "Ben has two dogs.", diaIds: ["D1:2", "D2:1"] },
  ]);
  assert.deepEqual(c.sessionSummaries, [
    { session: 1, text: "Pottery." },
    { session: 2, text: "Dogs." },
  ]);
});

Deno.test("loadLocomo() records the file's base name and sha256", async () => {
  const bytes = new TextEncoder().encode(miniText);
  const data = await loadLocomo("some/dir/mini.json", { readFile: () => Promise.resolve(bytes) });
  assert.equal(data.source.file, "mini.json");
  assert.equal(data.source.sha256, createHash("sha256").update(bytes).digest("hex"));
});

Deno.test("normaliseEvidence() splits joined ids, repairs D:11:26 and drops unreadable ids", () => {
  assert.deepEqual(normaliseEvidence(["D8:6; D9:17"]), ["D8:6", "D9:17"]);
  assert.deepEqual(normaliseEvidence(["D9:1 D4:4 D4:6"]), ["D9:1", "D4:4", "D4:6"]);
  assert.deepEqual(normaliseEvidence(["D:11:26"]), ["D11:26"]);
  assert.deepEqual(normaliseEvidence(["D", "D1:1", "D1:1", "D01:03"]), ["D1:1", "D1:3"]);
  assert.deepEqual(normaliseEvidence([]), []);
});
