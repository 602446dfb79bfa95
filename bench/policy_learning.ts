/**
 * Learning harness of the embedded extractive policy, without HTTP: LOCOMO split by conversation,
 * prompts rendered by the QA program (retrieved memories, k = 10), GRPO with k examples × G
 * rollouts per step at temperature 1, the official F1 reward with the abstention guard, and greedy
 * validation every 10 steps. Prints the curve, per-category scores, abstention and throughput.
 *
 * Run: `LOCOMO_PATH=/work/shared/data/locomo10.json deno run -A bench/policy_learning.ts`
 * Flags: `--steps 100 --k 6 --g 8 --num-train 600 --num-val 100 --lr 2e-5 --beta 0.001
 * --seed 0 --prior hand|zero --optimizer adam|sgd --scale-rewards --disable group,…
 * --ablate` (the last retrains once per feature group switched off and prints the deltas).
 *
 * @module
 */

import { parseArgs } from "node:util";
import { loadLocomo } from "../lib/data/load_locomo.ts";
import { type SplitExample, splitLocomo } from "../lib/data/split_locomo.ts";
import { buildMemory } from "../lib/memory/build_memory.ts";
import { render } from "../lib/program/render_prompt.ts";
import { resolveProgram } from "../lib/program/program_config.ts";
import { locomoF1 } from "../lib/metrics/locomo_f1.ts";
import { isAbstention } from "../lib/metrics/abstention.ts";
import type { GrpoHyperparams, PolicyMessage } from "../lib/embedded/policy_types.ts";
import {
  createExtractivePolicy,
  type ExtractivePolicy,
} from "../lib/embedded/policy/extractive_policy.ts";
import { FEATURE_GROUPS } from "../lib/embedded/policy/feature_layout.ts";
import type { ExtractivePolicyOptions } from "../lib/embedded/policy/policy_options.ts";

const { values: flags } = parseArgs({
  options: {
    steps: { type: "string", default: "100" },
    k: { type: "string", default: "6" },
    g: { type: "string", default: "8" },
    "num-train": { type: "string", default: "600" },
    "num-val": { type: "string", default: "100" },
    lr: { type: "string", default: "2e-5" },
    beta: { type: "string", default: "0.001" },
    seed: { type: "string", default: "0" },
    prior: { type: "string", default: "hand" },
    optimizer: { type: "string", default: "adam" },
    "scale-rewards": { type: "boolean", default: false },
    disable: { type: "string", default: "" },
    ablate: { type: "boolean", default: false },
  },
});

interface Example {
  messages: PolicyMessage[];
  answer: SplitExample["answer"];
  category: number;
}

/** The training reward: official F1, −0.4 for abstaining on 1–4, 1 for abstaining on 5. */
function reward(prediction: string, ex: Example): number {
  if (ex.category === 5) return isAbstention(prediction) ? 1 : 0;
  return isAbstention(prediction) ? -0.4 : locomoF1(prediction, ex.answer, ex.category);
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const path = Deno.env.get("LOCOMO_PATH");
if (!path) throw new Error("Set LOCOMO_PATH to locomo10.json");
const dataset = await loadLocomo(path);
const splits = splitLocomo(dataset);
const program = resolveProgram({ k: 10 });
const memories = new Map(dataset.conversations.map((c) => [c.sampleId, buildMemory(c)]));
const prompt = (ex: SplitExample): Example => ({
  messages: render(program, memories.get(ex.sampleId)!, { question: ex.question }).messages,
  answer: ex.answer,
  category: ex.category,
});
const seed = Number(flags.seed);
const train = shuffled(splits.train.examples, 1000 + seed).slice(0, Number(flags["num-train"]))
  .map(prompt);
const val = shuffled(splits.val.examples, 7).slice(0, Number(flags["num-val"])).map(prompt);
for (const m of memories.values()) m.free();

interface Score {
  byCategory: Record<number, number>;
  answerable: number;
  overall: number;
  abstainAnswerable: number;
}

function validate(policy: ExtractivePolicy): Score {
  const sums: Record<number, [number, number]> = {};
  let abst = 0;
  let answerable = 0;
  let total = 0;
  for (const ex of val) {
    const [pred] = policy.generate({ messages: ex.messages, temperature: 0, maxTokens: 64, n: 1 });
    const score = locomoF1(pred!, ex.answer, ex.category);
    const cell = (sums[ex.category] ??= [0, 0]);
    cell[0] += score;
    cell[1] += 1;
    total += score;
    if (ex.category !== 5) {
      answerable++;
      if (isAbstention(pred!)) abst++;
    }
  }
  const byCategory: Record<number, number> = {};
  let ansSum = 0;
  for (const [c, [s, n]] of Object.entries(sums)) {
    byCategory[Number(c)] = s / n;
    if (Number(c) !== 5) ansSum += s;
  }
  return {
    byCategory,
    answerable: ansSum / answerable,
    overall: total / val.length,
    abstainAnswerable: abst / answerable,
  };
}

const hp: GrpoHyperparams = {
  learningRate: Number(flags.lr),
  beta: Number(flags.beta),
  scaleRewards: flags["scale-rewards"],
  maxGradNorm: 1,
  gradientAccumulationSteps: 1,
  epsilon: 0.2,
  epsilonHigh: 0.28,
  temperature: 1,
};

interface Run {
  curve: { step: number; score: Score }[];
  trainMs: number[];
  generateMs: number[];
}

function run(options: ExtractivePolicyOptions, quiet: boolean): Run {
  const policy = createExtractivePolicy(options);
  const curve = [{ step: 0, score: validate(policy) }];
  const trainMs: number[] = [];
  const generateMs: number[] = [];
  const steps = Number(flags.steps);
  const k = Number(flags.k);
  const g = Number(flags.g);
  let cursor = 0;
  for (let step = 1; step <= steps; step++) {
    for (let j = 0; j < k; j++) {
      const ex = train[cursor++ % train.length]!;
      let t = performance.now();
      const completions = policy.generate({
        messages: ex.messages,
        temperature: 1,
        maxTokens: 64,
        n: g,
        seed: seed * 1_000_003 + step * 1000 + j,
      });
      generateMs.push(performance.now() - t);
      const group = completions.map((c) => ({
        messages: ex.messages,
        completion: c,
        reward: reward(c, ex),
      }));
      t = performance.now();
      policy.train(group, hp);
      trainMs.push(performance.now() - t);
    }
    if (step % 10 === 0) {
      curve.push({ step, score: validate(policy) });
      if (!quiet) printRow(curve[curve.length - 1]!);
    }
  }
  return { curve, trainMs, generateMs };
}

const f = (x: number | undefined) => (x === undefined ? "  -  " : x.toFixed(3));
function printRow({ step, score }: { step: number; score: Score }): void {
  const cats = [1, 2, 3, 4, 5].map((c) => f(score.byCategory[c])).join("  ");
  console.log(
    `${String(step).padStart(4)}  ${f(score.answerable)}  ${f(score.overall)}  ` +
      `${(100 * score.abstainAnswerable).toFixed(0).padStart(3)}%   ${cats}`,
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const base: ExtractivePolicyOptions = {
  seed,
  prior: flags.prior as "hand" | "zero",
  optimizer: flags.optimizer as "adam" | "sgd",
  disabledFeatureGroups: flags.disable ? flags.disable.split(",") : [],
};
console.log(
  `train ${train.length} (${splits.train.conversations.join(",")}), val ${val.length} ` +
    `(${
      splits.val.conversations.join(",")
    }); steps ${flags.steps} × k ${flags.k} × G ${flags.g}, ` +
    `lr ${hp.learningRate} (× learningRateScale), beta ${hp.beta}, prior ${base.prior}, ${base.optimizer}`,
);
console.log("step  ans1-4 overall abst   cat1   cat2   cat3   cat4   cat5");
const t0 = performance.now();
const main = run(base, false);
printRow(main.curve[0]!);
const first = main.curve[0]!.score;
const last = main.curve[main.curve.length - 1]!.score;
const best = Math.max(...main.curve.map((p) => p.score.answerable));
console.log(
  `untrained ans ${f(first.answerable)} → final ${f(last.answerable)} (best ${f(best)}); ` +
    `ratio ${(last.answerable / first.answerable).toFixed(2)}×, +${
      f(last.answerable - first.answerable)
    }; ` +
    `overall ${f(first.overall)} → ${f(last.overall)}; abstain(1–4) ${
      (100 * last.abstainAnswerable).toFixed(0)
    }%`,
);
console.log(
  `throughput: train group of ${flags.g} median ${median(main.trainMs).toFixed(2)} ms, ` +
    `generate n=${flags.g} median ${median(main.generateMs).toFixed(2)} ms ` +
    `(first call per prompt computes features), wall ${
      ((performance.now() - t0) / 1000).toFixed(1)
    } s`,
);

if (flags.ablate) {
  console.log(
    "\nablation (feature group off → untrained and final answerable score, final overall)",
  );
  console.log(
    `  (none)                 ${f(first.answerable)} → ${f(last.answerable)}  overall ${
      f(last.overall)
    }`,
  );
  for (const group of FEATURE_GROUPS) {
    const r = run({
      ...base,
      disabledFeatureGroups: [...(base.disabledFeatureGroups ?? []), group],
    }, true);
    const a = r.curve[0]!.score;
    const b = r.curve[r.curve.length - 1]!.score;
    console.log(
      `  -${group.padEnd(22)} ${f(a.answerable)} → ${f(b.answerable)}  overall ${f(b.overall)}  ` +
        `Δfinal ${(b.answerable - last.answerable >= 0 ? "+" : "")}${
          f(b.answerable - last.answerable)
        }`,
    );
  }
}
