/**
 * Retrieval quality and speed on LOCOMO: turn-level recall@5/10/25/50 over every question with
 * evidence (overall, per category, and on the tuning half vs the held-out half of the
 * conversations), tokens per question at each k, the time to build all ten memories, retrieval
 * latency p50/p95, and an ablation of each retrieval choice against DRAGON and plain BM25.
 *
 * Run: `deno run -A bench/retrieval.ts` (reads LOCOMO from env LOCOMO_PATH, else
 * `data/locomo10.json`).
 *
 * @module
 */

import {
  buildMemory,
  type BuildMemoryOptions,
  CATEGORY_IDS,
  CATEGORY_MAPPING_NOTE,
  categoryName,
  type Conversation,
  loadLocomo,
  type Memory,
  recallAt,
  retrieve,
  type RetrieveOptions,
} from "../mod.ts";
// One shared tokenizer for every memory (lib/memory's advanced option `tokenCounter`).
import { createTokenCounter, type TokenCounter } from "../lib/memory/mod.ts";

const KS = [5, 10, 25, 50] as const;
const DRAGON = [56.7, 66.2, 76.7, 82.7];
/** Conversations 1–5 (file order) tuned the defaults; 6–10 are held out. */
const TUNING_CONVERSATIONS = 5;

const started = performance.now();
const path = Deno.env.get("LOCOMO_PATH") ?? "data/locomo10.json";
const data = await loadLocomo(path);
const questions = data.questions.filter((q) => q.evidence.length > 0);
const tuning = new Set(data.conversations.slice(0, TUNING_CONVERSATIONS).map((c) => c.sampleId));

/** A counter that remembers counts, so ablation rebuilds do not re-tokenize identical lines. */
function memoized(counter: TokenCounter): TokenCounter {
  const cache = new Map<string, number>();
  return {
    ...counter,
    count(text: string): number {
      let n = cache.get(text);
      if (n === undefined) {
        n = counter.count(text);
        cache.set(text, n);
      }
      return n;
    },
  };
}

function buildAll(conversations: Conversation[], options: BuildMemoryOptions) {
  return new Map(conversations.map((c) => [c.sampleId, buildMemory(c, options)]));
}

interface Evaluation {
  recall: Record<"all" | "tuning" | "heldOut", number[]>;
  byCategory: Map<number, { n: number; recall: number[] }>;
  tokens: number[];
  latencies: number[];
}

function evaluate(memories: Map<string, Memory>, options: RetrieveOptions): Evaluation {
  const sums = { all: [0, 0, 0, 0], tuning: [0, 0, 0, 0], heldOut: [0, 0, 0, 0] };
  const counts = { all: 0, tuning: 0, heldOut: 0 };
  const byCategory = new Map<number, { n: number; recall: number[] }>();
  const tokens = [0, 0, 0, 0];
  const latencies: number[] = [];
  for (const q of questions) {
    const t = performance.now();
    const trace = retrieve(memories.get(q.sampleId)!, q.question, { ...options, k: 50 });
    latencies.push(performance.now() - t);
    const recalls = KS.map((k) => recallAt(trace, q.evidence, { k }));
    const half = tuning.has(q.sampleId) ? "tuning" : "heldOut";
    const cat = byCategory.get(q.category) ?? { n: 0, recall: [0, 0, 0, 0] };
    byCategory.set(q.category, cat);
    cat.n++;
    for (const group of ["all", half] as const) counts[group]++;
    recalls.forEach((r, i) => {
      sums.all[i]! += r;
      sums[half][i]! += r;
      cat.recall[i]! += r;
    });
    KS.forEach((k, i) => {
      tokens[i]! += trace.units.slice(0, k).reduce((s, r) => s + r.unit.tokens, 0);
    });
  }
  const pct = (v: number[], n: number) => v.map((x) => (100 * x) / Math.max(n, 1));
  for (const cat of byCategory.values()) cat.recall = pct(cat.recall, cat.n);
  return {
    recall: {
      all: pct(sums.all, counts.all),
      tuning: pct(sums.tuning, counts.tuning),
      heldOut: pct(sums.heldOut, counts.heldOut),
    },
    byCategory,
    tokens: tokens.map((t) => t / questions.length),
    latencies,
  };
}

const fmt = (values: readonly number[]) => values.map((v) => v.toFixed(1).padStart(5)).join(" | ");
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

using counter = createTokenCounter();
const shared = memoized(counter);

const t = performance.now();
const memories = buildAll(data.conversations, { tokenCounter: counter });
const buildMs = performance.now() - t;
const units = [...memories.values()].reduce((s, m) => s + m.units.length, 0);
const memTokens = [...memories.values()].map((m) => m.totalTokens);
// Warm-up (JIT) on a few questions, not reported.
for (const q of questions.slice(0, 300)) retrieve(memories.get(q.sampleId)!, q.question);
const main = evaluate(memories, {});
const latencies = [...main.latencies].sort((a, b) => a - b);

console.log(`# Retrieval on LOCOMO (${path})\n`);
console.log(
  `${questions.length} questions with evidence; ${units} units in 10 memories ` +
    `(${Math.min(...memTokens)}–${Math.max(...memTokens)} tokens each, o200k_base).`,
);
console.log(`Build all ten memories: ${buildMs.toFixed(0)} ms (tokenizer creation excluded).`);
console.log(
  `Retrieval latency per question (k = 50): p50 ${percentile(latencies, 0.5).toFixed(3)} ms, ` +
    `p95 ${percentile(latencies, 0.95).toFixed(3)} ms.\n`,
);

console.log("## Recall@k (turn level, % of evidence dia_ids among the first k dia_ids)\n");
console.log("| retriever | R@5 | R@10 | R@25 | R@50 |\n| --- | --- | --- | --- | --- |");
console.log(`| DRAGON (LOCOMO paper) | ${fmt(DRAGON)} |`);
console.log(`| memgrpo default, all conversations | ${fmt(main.recall.all)} |`);
console.log(`| memgrpo default, tuning half (conv 1–5) | ${fmt(main.recall.tuning)} |`);
console.log(`| memgrpo default, held-out half (conv 6–10) | ${fmt(main.recall.heldOut)} |`);
console.log(`\n## Per category (${CATEGORY_MAPPING_NOTE})\n`);
console.log("| category | n | R@5 | R@10 | R@25 | R@50 |\n| --- | --- | --- | --- | --- | --- |");
for (const id of CATEGORY_IDS) {
  const cat = main.byCategory.get(id);
  if (cat) console.log(`| ${id} ${categoryName(id)} | ${cat.n} | ${fmt(cat.recall)} |`);
}
console.log("\n## Tokens per question (mean, retrieved units' lines)\n");
console.log("| k | 5 | 10 | 25 | 50 |\n| --- | --- | --- | --- | --- |");
console.log(`| tokens | ${main.tokens.map((v) => v.toFixed(0)).join(" | ")} |`);

const PLAIN: RetrieveOptions = {
  k1: 1.2,
  b: 0.75,
  neighbourWeight: 0,
  sessionWeight: 0,
  speakerBoost: 0,
  temporalBoost: 0,
};
const ablation: [string, BuildMemoryOptions, RetrieveOptions][] = [
  ["plain BM25 (stemmed, stopwords; k1 1.2, b 0.75; turn text only)", {
    imageCaptions: false,
    indexSpeaker: false,
    indexDate: false,
  }, PLAIN],
  ["default", {}, {}],
  ["− stemming", { analyzer: { stem: false } }, {}],
  ["− stopword removal", { analyzer: { removeStopwords: false } }, {}],
  ["− image captions", { imageCaptions: false }, {}],
  ["− speaker name indexed with each turn", { indexSpeaker: false }, {}],
  ["− session month and year indexed (date awareness)", { indexDate: false }, {}],
  ["− tuned BM25 (k1 1.2, b 0.75 instead of 0.9, 0.4)", {}, { k1: 1.2, b: 0.75 }],
  ["− neighbouring-turn smoothing", {}, { neighbourWeight: 0 }],
  ["neighbour window 1 instead of 2", {}, { neighbourWindow: 1 }],
  ["− session prior", {}, { sessionWeight: 0 }],
  ["− named-speaker boost", {}, { speakerBoost: 0 }],
  ["− temporal cue boost", {}, { temporalBoost: 0 }],
  ["query-term weighting: speaker names × 0.5", {}, { speakerTermWeight: 0.5 }],
  ["+ pseudo-relevance feedback (5 units, 10 terms, 0.3)", {}, { feedbackUnits: 5 }],
];
console.log("\n## Ablation (R@5 | R@10 | R@25 | R@50; R@10 on tuning / held-out halves)\n");
console.log(
  "| variant | R@5 | R@10 | R@25 | R@50 | R@10 tune | R@10 held-out |\n" +
    "| --- | --- | --- | --- | --- | --- | --- |",
);
for (const [label, build, options] of ablation) {
  const isDefault = Object.keys(build).length === 0;
  const mems = isDefault
    ? memories
    : buildAll(data.conversations, { ...build, tokenCounter: shared });
  const result = isDefault && Object.keys(options).length === 0 ? main : evaluate(mems, options);
  console.log(
    `| ${label} | ${fmt(result.recall.all)} | ${fmt([result.recall.tuning[1]!])} | ${
      fmt([result.recall.heldOut[1]!])
    } |`,
  );
}
console.log(`\nWhole run: ${((performance.now() - started) / 1000).toFixed(1)} s.`);
