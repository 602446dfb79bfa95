/**
 * How far the embedded policy's span features can go: fits the span weights on every answerable
 * question of the train split by exact gradient ascent on the expected F1 (every candidate's F1
 * against the gold answer is known here, which GRPO never sees), then prints the greedy F1 per
 * category on train and on the held-out split (`--eval`, default val). The val figure is the
 * ceiling a GRPO run with the same features approaches; GRPO's 100 steps land below it. It also
 * prints, for the held-out questions with a good
 * candidate (F1 ≥ 0.5), how often the greedy answer comes from a line holding one and the F1 if
 * the policy picked its best span from that line (line choice against span-in-line choice). The
 * yes/no answer form is left out: this fits the span weights only.
 *
 * Run: `LOCOMO_PATH=/work/shared/data/locomo10.json deno run -A bench/policy_ceiling.ts
 * [--epochs 20] [--disable group,…] [--eval val|test]` (`test` only to report, never to choose).
 *
 * @module
 */

import { parseArgs } from "node:util";
import {
  type ChatMessage,
  createMemoryBank,
  loadLocomo,
  locomoF1,
  resolveProgram,
  type SplitExample,
  splitLocomo,
} from "../mod.ts";
// The features of lib/embedded's policy, on the prompts lib/program renders.
import { render } from "../lib/program/mod.ts";
import { type PromptFeatures, promptFeatures } from "../lib/embedded/policy/prompt_features.ts";
import {
  DECISION_GROUPS,
  featureMask,
  SPAN_FEATURES,
  SPAN_GROUPS,
} from "../lib/embedded/policy/feature_layout.ts";

const { values: flags } = parseArgs({
  options: {
    epochs: { type: "string", default: "20" },
    disable: { type: "string", default: "" },
    eval: { type: "string", default: "val" },
  },
});
if (flags.eval !== "val" && flags.eval !== "test") {
  throw new Error(`--eval must be val or test, got ${JSON.stringify(flags.eval)}`);
}
const heldOut: "val" | "test" = flags.eval;
const path = Deno.env.get("LOCOMO_PATH");
if (!path) throw new Error("Set LOCOMO_PATH to locomo10.json");
const dataset = await loadLocomo(path);
const splits = splitLocomo(dataset);
const program = resolveProgram({ k: 10 });
const bank = createMemoryBank(dataset.conversations);
const disabled = flags.disable ? flags.disable.split(",") : [];
const config = {
  maxSpanLength: 5,
  maxCandidates: 1500,
  relativeDates: true,
  spanMask: featureMask(SPAN_GROUPS, disabled),
  decisionMask: featureMask(DECISION_GROUPS, disabled),
  yesNo: false,
};
const W = SPAN_FEATURES.length;

interface Item {
  pf: PromptFeatures;
  f1: Float64Array;
  category: number;
}
function items(examples: readonly SplitExample[]): Item[] {
  return examples.filter((e) => e.category !== 5).map((ex) => {
    const messages: ChatMessage[] = render(program, bank.get(ex.sampleId), {
      question: ex.question,
    }).messages.map((m) => ({ role: m.role, content: m.content }));
    const pf = promptFeatures(messages, config);
    const f1 = Float64Array.from(pf.candidates, (c) => locomoF1(c.text, ex.answer, ex.category));
    return { pf, f1, category: ex.category };
  });
}
const train = items(splits.train.examples);
// Development reads val; test only reports how far these features could go there.
const held = items(splits[heldOut].examples);

function probs(it: Item, w: Float64Array): Float64Array {
  const n = it.pf.candidates.length;
  const p = new Float64Array(n);
  let max = -Infinity;
  for (let c = 0; c < n; c++) {
    let z = 0;
    for (let f = 0; f < W; f++) z += w[f]! * it.pf.span[c * W + f]!;
    p[c] = z;
    max = Math.max(max, z);
  }
  let sum = 0;
  for (let c = 0; c < n; c++) sum += p[c] = Math.exp(p[c]! - max);
  for (let c = 0; c < n; c++) p[c] = p[c]! / sum;
  return p;
}
const argmax = (p: Float64Array) => p.reduce((b, x, i) => (x > p[b]! ? i : b), 0);
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

function greedy(set: Item[], w: Float64Array): string {
  const by = new Map<number, number[]>();
  for (const it of set) {
    const f1 = it.pf.candidates.length ? it.f1[argmax(probs(it, w))]! : 0;
    by.set(it.category, [...(by.get(it.category) ?? []), f1]);
  }
  const cats = [...by.keys()].sort().map((c) => `c${c} ${mean(by.get(c)!).toFixed(3)}`);
  return `c1–4 ${mean([...by.values()].flat()).toFixed(3)} (${cats.join(" ")})`;
}

// Adam on the exact gradient of Σ_c p_c · F1_c, batches of 32 questions.
const w = new Float64Array(W);
const m1 = new Float64Array(W);
const m2 = new Float64Array(W);
let t = 0;
for (let epoch = 1; epoch <= Number(flags.epochs); epoch++) {
  for (let b = 0; b < train.length; b += 32) {
    const g = new Float64Array(W);
    for (const it of train.slice(b, b + 32)) {
      const p = probs(it, w);
      const expected = new Float64Array(W);
      for (let c = 0; c < p.length; c++) {
        for (let f = 0; f < W; f++) expected[f] = expected[f]! + p[c]! * it.pf.span[c * W + f]!;
      }
      for (let c = 0; c < p.length; c++) {
        const a = p[c]! * it.f1[c]!;
        if (a === 0) continue;
        for (let f = 0; f < W; f++) g[f] = g[f]! + a * (it.pf.span[c * W + f]! - expected[f]!);
      }
    }
    t++;
    for (let f = 0; f < W; f++) {
      m1[f] = 0.9 * m1[f]! + 0.1 * g[f]!;
      m2[f] = 0.999 * m2[f]! + 0.001 * g[f]! ** 2;
      const step = (m1[f]! / (1 - 0.9 ** t)) / (Math.sqrt(m2[f]! / (1 - 0.999 ** t)) + 1e-8);
      w[f] = w[f]! + 0.05 * step;
    }
  }
  if (epoch % 5 === 0) {
    console.log(`epoch ${epoch}: train ${greedy(train, w)} | ${flags.eval} ${greedy(held, w)}`);
  }
}

const lines = new Map<number, { onGoodLine: number[]; greedy: number[]; bestOnLine: number[] }>();
for (const it of held) {
  const good = new Set(it.pf.candidates.filter((_, c) => it.f1[c]! >= 0.5).map((c) => c.line));
  if (good.size === 0) continue;
  const p = probs(it, w);
  const g = argmax(p);
  let inLine = -1;
  p.forEach((x, c) => {
    if (good.has(it.pf.candidates[c]!.line) && (inLine < 0 || x > p[inLine]!)) inLine = c;
  });
  const row = lines.get(it.category) ?? { onGoodLine: [], greedy: [], bestOnLine: [] };
  row.onGoodLine.push(good.has(it.pf.candidates[g]!.line) ? 1 : 0);
  row.greedy.push(it.f1[g]!);
  row.bestOnLine.push(it.f1[inLine]!);
  lines.set(it.category, row);
}
console.log(`${flags.eval} questions with a candidate of F1 ≥ 0.5:`);
for (const [c, r] of [...lines].sort((a, b) => a[0] - b[0])) {
  console.log(
    `  c${c} (${r.greedy.length}): greedy on a good line ${
      (100 * mean(r.onGoodLine)).toFixed(0)
    } %, ` +
      `greedy F1 ${mean(r.greedy).toFixed(3)}, F1 choosing within that line ${
        mean(r.bestOnLine).toFixed(3)
      }`,
  );
}
bank.free();
