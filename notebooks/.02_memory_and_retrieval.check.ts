// cell 2
import { loadLocomo } from "../lib/data/load_locomo.ts";
import { CATEGORY_IDS, categoryName } from "../lib/data/categories.ts";
import type { Question } from "../lib/data/types.ts";
import { buildMemory } from "../lib/memory/build_memory.ts";
import { recallAt } from "../lib/memory/recall.ts";
import { renderMemories } from "../lib/memory/render_memories.ts";
import { retrieve } from "../lib/memory/retrieve.ts";
import { barChart } from "../lib/viz/bar_chart.ts";
import { lineChart } from "../lib/viz/line_chart.ts";
import { retrievalView } from "../lib/viz/retrieval_view.ts";
import { table } from "../lib/viz/table.ts";

const data = await loadLocomo(Deno.env.get("LOCOMO_PATH") ?? "../data/locomo10.json");
const conversation = data.conversations[0]!;
const memory = buildMemory(conversation); // default budget: 20,000 tokens
console.log(
  `${memory.sampleId}: ${memory.units.length} units, ${memory.totalTokens} tokens in all, ` +
    `prompt budget ${memory.memoryTokens} tokens`,
);
// cell 4
await Deno.jupyter.display(
  table(
    memory.units.slice(0, 5).map((u) => ({ id: u.id, line: u.line, tokens: u.tokens })),
    { caption: `First units of ${memory.sampleId}` },
  ),
);
barChart(
  conversation.sessions.map((s) => ({
    session: String(s.index),
    tokens: memory.units.filter((u) => u.session === s.index).reduce((n, u) => n + u.tokens, 0),
  })),
  {
    x: "session",
    y: "tokens",
    title: `Tokens per session of ${memory.sampleId}`,
    labels: false,
    width: 720,
  },
);
// cell 6
const memories = data.conversations.map((c) => buildMemory(c));
table(
  memories.map((m) => ({
    conversation: m.sampleId,
    units: m.units.length,
    tokens: m.totalTokens,
    "fits 20K": m.totalTokens <= m.memoryTokens ? "yes" : "no",
  })),
  { caption: "Memory size of every conversation" },
);
// cell 8
const chosen: Question[] = [2, 1, 4].map((category) =>
  data.questions.find((q) =>
    q.sampleId === conversation.sampleId && q.category === category && q.evidence.length > 0
  )!
);
for (const q of chosen) {
  const trace = retrieve(memory, q.question, { k: 10, evidence: q.evidence });
  console.log(
    `[${categoryName(q.category)}] gold answer: ${q.answer} · recall@10 ${trace.evidence?.recall}`,
  );
  await Deno.jupyter.display(retrievalView(trace, { units: memory.units }));
}
// cell 10
const firstTrace = retrieve(memory, chosen[0]!.question, { k: 20 });
const rendered = renderMemories(memory, firstTrace, { maxTokens: 300 });
console.log(
  `${rendered.units.length} units, ${rendered.tokens} tokens (budget ${rendered.budget}), ` +
    `${rendered.omitted.length} of the top 20 left out\n`,
);
console.log(rendered.text);
// cell 12
const ks = [1, 2, 5, 10, 25, 50];
const sums = new Map<string, number[]>();
const counts = new Map<string, number>();
for (const [i, m] of memories.entries()) {
  const sampleId = data.conversations[i]!.sampleId;
  for (const q of data.questions.filter((q) => q.sampleId === sampleId && q.evidence.length > 0)) {
    const trace = retrieve(m, q.question, { k: 50 });
    for (const name of [categoryName(q.category), "all"]) {
      const row = sums.get(name) ?? ks.map(() => 0);
      ks.forEach((k, j) => row[j]! += recallAt(trace, q.evidence, { k }));
      sums.set(name, row);
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
}
const names = [...CATEGORY_IDS.map(categoryName), "all"].filter((n) => counts.has(n));
const recall = (name: string, j: number) => sums.get(name)![j]! / counts.get(name)!;
await Deno.jupyter.display(
  table(
    names.map((name) => ({
      category: name,
      questions: counts.get(name)!,
      ...Object.fromEntries(ks.map((k, j) => [`R@${k}`, (100 * recall(name, j)).toFixed(1)])),
    })),
    { caption: "Retrieval recall@k (%) by category, all ten conversations" },
  ),
);
lineChart(
  names.flatMap((name) => ks.map((k, j) => ({ k, recall: recall(name, j), category: name }))),
  {
    x: "k",
    y: "recall",
    series: "category",
    yDomain: [0, 1],
    title: "Recall@k by category",
    xLabel: "k (retrieved turns, log scale)",
    xScale: "log",
    yLabel: "recall",
  },
);
// cell 14
for (const m of memories) m.free();
memory.free();
export {};
