/**
 * Memory and retrieval on the real LOCOMO file (skipped unless LOCOMO_PATH is set).
 */
import assert from "node:assert/strict";
import {
  buildMemory,
  type Conversation,
  loadLocomo,
  type LocomoDataset,
  recallAt,
  renderMemories,
  retrieve,
} from "../mod.ts";
import { createTokenCounter } from "../lib/memory/mod.ts";

const LOCOMO_PATH = Deno.env.get("LOCOMO_PATH");
const ignore = LOCOMO_PATH === undefined;

let cached: LocomoDataset | undefined;
async function dataset(): Promise<LocomoDataset> {
  cached ??= await loadLocomo(LOCOMO_PATH!);
  return cached;
}

function turnsById(conversation: Conversation) {
  return new Map(conversation.sessions.flatMap((s) => s.turns.map((t) => [t.diaId, t])));
}

Deno.test({
  name: "buildMemory() on LOCOMO builds every unit from exactly one dialogue turn",
  ignore,
  async fn() {
    const data = await dataset();
    using counter = createTokenCounter();
    for (const conversation of data.conversations) {
      using memory = buildMemory(conversation, { tokenCounter: counter });
      const turns = turnsById(conversation);
      assert.deepEqual(memory.units.map((u) => u.id), [...turns.keys()]);
      for (const unit of memory.units) {
        const turn = turns.get(unit.id)!;
        assert.equal(unit.source, "dialogue");
        assert.equal(unit.text, turn.text);
        assert.equal(unit.speaker, turn.speaker);
        assert.equal(unit.imageCaption, turn.imageCaption);
        assert.deepEqual(unit.diaIds, [turn.diaId]);
      }
    }
  },
});

Deno.test({
  name: "buildMemory() never reads qa, even when a sample object carries it",
  ignore,
  async fn() {
    const data = await dataset();
    const sentinel = "QA-SENTINEL-7f3a";
    using counter = createTokenCounter();
    for (const conversation of data.conversations) {
      const withQa = {
        ...conversation,
        qa: [{ question: sentinel, answer: sentinel, evidence: ["D1:1"], category: 1 }],
      };
      using memory = buildMemory(withQa, {
        tokenCounter: counter,
        sources: ["dialogue", "observation", "session_summary"],
      });
      assert.ok(memory.units.every((u) => !u.line.includes(sentinel)));
      const generated = memory.units.filter((u) => u.generated);
      assert.ok(generated.length > 0);
      assert.ok(generated.every((u) => u.line.includes("(generated ")));
    }
  },
});

Deno.test({
  name: "retrieve() and renderMemories() keep dia_ids intact from turn to prompt line",
  ignore,
  async fn() {
    const data = await dataset();
    using counter = createTokenCounter();
    const conversation = data.conversations[0]!;
    using memory = buildMemory(conversation, { tokenCounter: counter });
    const known = turnsById(conversation);
    for (const q of data.questions.filter((q) => q.sampleId === conversation.sampleId)) {
      const trace = retrieve(memory, q.question, { k: 10, evidence: q.evidence });
      assert.ok(trace.diaIds.every((id) => known.has(id)));
      const rendered = renderMemories(memory, trace, { k: 10 });
      const lineIds = rendered.text.split("\n").filter((l) => l !== "")
        .map((l) => /^\[(D\d+:\d+) \| /.exec(l)?.[1]);
      assert.deepEqual(lineIds, rendered.units.map((r) => r.unit.diaIds[0]));
      assert.deepEqual(lineIds, trace.diaIds.slice(0, lineIds.length));
      assert.deepEqual(trace.evidence?.hit, trace.diaIds.filter((id) => q.evidence.includes(id)));
    }
  },
});

Deno.test({
  name: "renderMemories() keeps whole LOCOMO memories within the 20,000-token budget",
  ignore,
  async fn() {
    const data = await dataset();
    using counter = createTokenCounter();
    let overBudget = 0;
    for (const conversation of data.conversations) {
      using memory = buildMemory(conversation, { tokenCounter: counter });
      const trace = retrieve(memory, "what happened", { k: memory.units.length });
      const everything = {
        ...trace,
        units: memory.units.map((unit, i) => ({ rank: i + 1, score: 1, unit })),
      };
      const rendered = renderMemories(memory, everything);
      assert.ok(rendered.tokens <= 20_000);
      assert.equal(rendered.tokens, counter.count(rendered.text));
      if (memory.totalTokens > 20_000) {
        overBudget++;
        assert.ok(rendered.omitted.length > 0);
        assert.ok(rendered.tokens > 19_000, `only ${rendered.tokens} tokens used`);
      }
    }
    assert.ok(overBudget > 0, "expected some LOCOMO conversation to exceed 20,000 tokens");
  },
});

Deno.test({
  name: "retrieve() beats DRAGON's recall@10 of 66.2 on LOCOMO questions with evidence",
  ignore,
  async fn() {
    const data = await dataset();
    using counter = createTokenCounter();
    const memories = new Map(
      data.conversations.map((c) => [c.sampleId, buildMemory(c, { tokenCounter: counter })]),
    );
    const questions = data.questions.filter((q) => q.evidence.length > 0);
    let sum = 0;
    for (const q of questions) {
      sum += recallAt(retrieve(memories.get(q.sampleId)!, q.question, { k: 10 }), q.evidence, {
        k: 10,
      });
    }
    const recall = (100 * sum) / questions.length;
    assert.ok(recall >= 75, `recall@10 = ${recall.toFixed(1)}`);
  },
});
