import assert from "node:assert/strict";
import { LOCOMO_SHA256 } from "../lib/data/mod.ts";
import { loadLocomo, type LocomoDataset } from "../mod.ts";

const LOCOMO_PATH = Deno.env.get("LOCOMO_PATH");
const ignore = !LOCOMO_PATH;
let loaded: Promise<LocomoDataset> | undefined;
const dataset = () => loaded ??= loadLocomo(LOCOMO_PATH!);
interface RawSample {
  sample_id: string;
  conversation: Record<string, unknown>;
}
let rawLoaded: Promise<RawSample[]> | undefined;
const raw = (): Promise<RawSample[]> =>
  rawLoaded ??= Deno.readTextFile(LOCOMO_PATH!).then(JSON.parse);

Deno.test({
  name: "loadLocomo() reads 10 conversations, 272 sessions, 5,882 turns, 1,986 questions",
  ignore,
  async fn() {
    const data = await dataset();
    const sessions = data.conversations.flatMap((c) => c.sessions);
    assert.equal(data.conversations.length, 10);
    assert.equal(sessions.length, 272);
    assert.equal(sessions.reduce((n, s) => n + s.turns.length, 0), 5882);
    assert.equal(data.questions.length, 1986);
    assert.deepEqual(data.source, { file: "locomo10.json", sha256: LOCOMO_SHA256 });
  },
});

Deno.test({
  name: "loadLocomo() counts 282/321/96/841/446 questions in categories 1–5",
  ignore,
  async fn() {
    const { questions } = await dataset();
    const counts = [1, 2, 3, 4, 5].map((c) => questions.filter((q) => q.category === c).length);
    assert.deepEqual(counts, [282, 321, 96, 841, 446]);
  },
});

Deno.test({
  name: "loadLocomo() sorts sessions numerically (session_10 follows session_9)",
  ignore,
  async fn() {
    for (const c of (await dataset()).conversations) {
      const indices = c.sessions.map((s) => s.index);
      assert.deepEqual(indices, indices.map((_, i) => i + 1), c.sampleId);
      assert.ok(c.sessions[9]!.turns[0]!.diaId.startsWith("D10:"), c.sampleId);
    }
  },
});

Deno.test({
  name: "loadLocomo() ignores dangling session_N_date_time keys",
  ignore,
  async fn() {
    const data = await dataset();
    let dangling = 0;
    for (const [i, sample] of (await raw()).entries()) {
      const conv = sample.conversation;
      const indices = new Set(data.conversations[i]!.sessions.map((s) => s.index));
      for (const key of Object.keys(conv)) {
        const n = /^session_(\d+)_date_time$/.exec(key)?.[1];
        if (n === undefined || `session_${n}` in conv) continue;
        dangling++;
        assert.ok(!indices.has(Number(n)), `${sample.sample_id} session ${n} has no turns`);
      }
    }
    assert.ok(dangling > 0, "LOCOMO has dangling date keys");
  },
});

Deno.test({
  name: "loadLocomo() parses every session date into an ISO date",
  ignore,
  async fn() {
    const data = await dataset();
    const first = data.conversations[0]!.sessions[0]!;
    assert.equal(first.dateTime, "1:56 pm on 8 May, 2023");
    assert.equal(first.date, "2023-05-08T13:56:00");
    for (const s of data.conversations.flatMap((c) => c.sessions)) {
      assert.match(s.date, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00$/);
    }
  },
});

Deno.test({
  name: "loadLocomo() keeps every image caption",
  ignore,
  async fn() {
    const turns = (await dataset()).conversations.flatMap((c) => c.sessions)
      .flatMap((s) => s.turns);
    const rawTurns: { blip_caption?: string }[] = (await raw()).flatMap((sample) =>
      Object.entries(sample.conversation)
        .filter(([key]) => /^session_\d+$/.test(key))
        .flatMap(([, session]) => session as { blip_caption?: string }[])
    );
    const captions = rawTurns.filter((t) => t.blip_caption).map((t) => t.blip_caption);
    assert.equal(captions.length, 1226);
    assert.deepEqual(turns.filter((t) => t.imageCaption).map((t) => t.imageCaption), captions);
  },
});

Deno.test({
  name: "loadLocomo() keeps the 6 integer answers as numbers",
  ignore,
  async fn() {
    const numeric = (await dataset()).questions.filter((q) => typeof q.answer === "number");
    assert.deepEqual(numeric.map((q) => [q.id, q.answer]), [
      ["conv-26:q1", 2022],
      ["conv-26:q26", 2022],
      ["conv-26:q40", 2],
      ["conv-26:q49", 2022],
      ["conv-26:q72", 2022],
      ["conv-26:q75", 3],
    ]);
  },
});

Deno.test({
  name: "loadLocomo() keeps category-5 trap answers only in adversarialAnswer",
  ignore,
  async fn() {
    const { questions } = await dataset();
    const adversarial = questions.filter((q) => q.category === 5);
    assert.equal(adversarial.length, 446);
    assert.ok(adversarial.every((q) => typeof q.adversarialAnswer === "string"));
    assert.ok(adversarial.every((q) => q.answer !== q.adversarialAnswer));
    assert.equal(adversarial.filter((q) => q.answer === null).length, 444);
    assert.ok(questions.every((q) => q.category === 5 || q.adversarialAnswer === undefined));
  },
});

Deno.test({
  name: "loadLocomo() normalises malformed evidence ids",
  ignore,
  async fn() {
    const byId = new Map((await dataset()).questions.map((q) => [q.id, q.evidence]));
    assert.deepEqual(byId.get("conv-26:q37"), ["D8:6", "D9:17"]); // "D8:6; D9:17"
    assert.deepEqual(byId.get("conv-43:q18")![4], "D11:26"); // "D:11:26"
    assert.deepEqual(byId.get("conv-49:q31"), ["D9:1", "D4:4", "D4:6"]); // one string
    assert.deepEqual(byId.get("conv-42:q88"), ["D1:18", "D1:20"]); // "D" dropped
    for (const [id, evidence] of byId) {
      for (const e of evidence) assert.match(e, /^D\d+:\d+$/, id);
    }
  },
});
