import assert from "node:assert/strict";
import { parseLocomo } from "../data/load_locomo.ts";
import { splitLocomo } from "../data/split_locomo.ts";
import { buildMemory } from "../memory/build_memory.ts";
import { recallByCategory } from "../memory/retrieve.ts";
import { displayBundle } from "./display_bundle.ts";
import { leakageView, recallView, splitView } from "./data_views.ts";

const mini = parseLocomo(
  Deno.readTextFileSync(new URL("../../data/sample/mini_locomo.json", import.meta.url)),
);
const THIRDS = { trainRatio: 1 / 3, valRatio: 1 / 3, testRatio: 1 / 3 };

Deno.test("splitView() shows each split's conversations and questions, with its category mix chart", () => {
  const splits = splitLocomo(mini, THIRDS);
  const view = splitView(splits, { caption: "Mini split" });
  assert.match(displayBundle(view)["text/html"]!, /Mini split/);
  for (const name of ["train", "val", "test"] as const) {
    assert.match(view.text, new RegExp(`${name}\\s+${splits[name].conversations[0]}`));
  }
  assert.match(displayBundle(view.chart)["image/svg+xml"]!, /Category mix per split/);
});

Deno.test("leakageView() shows a random split by question leaking and a split by conversation not", () => {
  const byConversation = {
    train: mini.questions.filter((q) => q.sampleId !== "mini-3"),
    test: mini.questions.filter((q) => q.sampleId === "mini-3"),
  };
  const everyOther = {
    train: mini.questions.filter((_, i) => i % 2 === 0),
    test: mini.questions.filter((_, i) => i % 2 === 1),
  };
  const view = leakageView({
    "every other question": everyOther,
    "by conversation": byConversation,
  });
  const lines = view.text.split("\n");
  const row = (name: string) => lines.find((l) => l.startsWith(name))!;
  assert.match(row("by conversation"), /\s0 \(0\.0 %\)\s+0 \(0\.0 %\)/);
  assert.doesNotMatch(row("every other question"), /\s0 \(0\.0 %\)\s+0 \(0\.0 %\)/);
  assert.match(view.chart.svg, /Share of test questions leaked/);
});

Deno.test("recallView() tabulates recall@k per category, rising with k, from recallByCategory", () => {
  const memories = mini.conversations.map((c) => buildMemory(c));
  try {
    const rows = recallByCategory(
      (id) => memories.find((m) => m.sampleId === id),
      mini.questions,
      { ks: [1, 50] },
    );
    const all = rows.at(-1)!;
    assert.equal(all.category, "all");
    assert.equal(all.questions, mini.questions.filter((q) => q.evidence.length > 0).length);
    assert.ok(all.recall[0]! <= all.recall[1]! && all.recall[1]! === 1);
    assert.equal(rows.slice(0, -1).reduce((n, r) => n + r.questions, 0), all.questions);
    const view = recallView(memories, mini.questions, { ks: [1, 50] });
    assert.match(view.text, /R@1\s+R@50/);
    assert.match(view.text, /all\s+\d+\s+[\d.]+\s+100\.0/);
    assert.match(view.chart.svg, /Recall@k by category/);
    assert.throws(() => recallView(memories, mini.questions, { ks: [0] }), RangeError);
  } finally {
    for (const m of memories) m.free();
  }
});
