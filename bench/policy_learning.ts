/**
 * Learning harness of the embedded extractive policy without HTTP, mirroring the train CLI's
 * loop (`deno task train --backend embedded`): the same split and stratified samples, the same
 * step batches (k examples per step, stratified by category), G rollouts per example at the
 * rollout temperature with the CLI's rollout seeds, the official-F1 reward with the abstention
 * guard, the seed guide's trainer settings (learning rate 2e-5, β 0.04, scaled rewards,
 * gradient accumulation 4, max grad norm 1) and greedy validation every N steps. Prints, per
 * run seed, the curve with per-category scores and whether issue 7's "must show" holds, then
 * throughput.
 *
 * Run: `LOCOMO_PATH=/work/shared/data/locomo10.json deno run -A bench/policy_learning.ts`
 * Flags: `--seeds 42,1,7 --steps 100 --k 4 --g 8 --val-every 10 --num-train 600 --num-val 100
 * --lr 2e-5 --beta 0.04 --accum 4 --temperature 1 --no-scale-rewards --prior zero|hand
 * --lr-scale N --disable group,… --options '{"warmupSteps":10}' --ablate --quiet` (`--ablate` retrains once per feature group
 * switched off and prints the mean deltas over the seeds).
 *
 * @module
 */

import { parseArgs } from "node:util";
import {
  CATEGORY_IDS,
  type ChatMessage,
  computeReward,
  createMemoryBank,
  loadLocomo,
  locomoF1,
  resolveProgram,
  resolveRewardConfig,
  type SplitExample,
  splitLocomo,
  stratifiedSample,
} from "../mod.ts";
// This bench trains the embedded extractive policy in-process (lib/embedded internals), on the
// prompts the program renders (lib/program) in the loop's batch order (lib/grpo).
import { parseAnswer, render } from "../lib/program/mod.ts";
import { stepBatch } from "../lib/grpo/mod.ts";
import {
  createExtractivePolicy,
  type ExtractivePolicy,
  type ExtractivePolicyOptions,
  FEATURE_GROUPS,
  type GrpoHyperparams,
} from "../lib/embedded/mod.ts";

const { values: flags } = parseArgs({
  options: {
    seeds: { type: "string", default: "42,1,7" },
    steps: { type: "string", default: "100" },
    k: { type: "string", default: "4" },
    g: { type: "string", default: "8" },
    "val-every": { type: "string", default: "10" },
    "num-train": { type: "string", default: "600" },
    "num-val": { type: "string", default: "100" },
    lr: { type: "string", default: "2e-5" },
    beta: { type: "string", default: "0.04" },
    accum: { type: "string", default: "4" },
    temperature: { type: "string", default: "1" },
    "no-scale-rewards": { type: "boolean", default: false },
    prior: { type: "string" },
    "lr-scale": { type: "string" },
    disable: { type: "string", default: "" },
    options: { type: "string", default: "{}" },
    ablate: { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
  },
});

interface Example {
  messages: ChatMessage[];
  answer: SplitExample["answer"];
  category: number;
}

const path = Deno.env.get("LOCOMO_PATH");
if (!path) throw new Error("Set LOCOMO_PATH to locomo10.json");
const dataset = await loadLocomo(path);
const splits = splitLocomo(dataset);
const program = resolveProgram({ k: 10 });
const bank = createMemoryBank(dataset.conversations);
const cache = new Map<string, Example>();
const prompt = (ex: SplitExample): Example => {
  let hit = cache.get(ex.id);
  if (!hit) {
    const messages = render(program, bank.get(ex.sampleId), { question: ex.question }).messages
      .map((m) => ({ role: m.role, content: m.content }));
    hit = { messages, answer: ex.answer, category: ex.category };
    cache.set(ex.id, hit);
  }
  return hit;
};
const rewardConfig = resolveRewardConfig({ kind: "f1", abstentionPenalty: 0.4 });
const reward = (text: string, ex: Example): number => {
  const parsed = parseAnswer(text);
  return computeReward({
    prediction: parsed.answer,
    answer: ex.answer,
    category: ex.category,
    formatFailure: parsed.formatFailure,
  }, rewardConfig).reward;
};

const steps = Number(flags.steps);
const k = Number(flags.k);
const g = Number(flags.g);
const valEvery = Number(flags["val-every"]);
const temperature = Number(flags.temperature);
const hp: GrpoHyperparams = {
  learningRate: Number(flags.lr),
  beta: Number(flags.beta),
  scaleRewards: !flags["no-scale-rewards"],
  maxGradNorm: 1,
  gradientAccumulationSteps: Number(flags.accum),
  epsilon: 0.2,
  epsilonHigh: 0.28,
  temperature,
};

/** One greedy validation pass, scored as `lib/grpo/validation.ts` scores it. */
interface Score {
  byCategory: Record<number, number>;
  answerable: number;
  overall: number;
  abstention: number;
}

function validate(policy: ExtractivePolicy, val: readonly SplitExample[]): Score {
  const rows = val.map((ex) => {
    const e = prompt(ex);
    const [text] = policy.generate({
      messages: e.messages,
      temperature: 0,
      maxTokens: program.maxTokens,
      n: 1,
    });
    const parsed = parseAnswer(text);
    return {
      category: ex.category,
      f1: locomoF1(parsed.answer, ex.answer, ex.category),
      abstained: parsed.abstained,
    };
  });
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const answerable = rows.filter((r) => r.category !== 5);
  const byCategory: Record<number, number> = {};
  for (const c of CATEGORY_IDS) {
    const inCat = rows.filter((r) => r.category === c);
    if (inCat.length) byCategory[c] = mean(inCat.map((r) => r.f1));
  }
  return {
    byCategory,
    answerable: mean(answerable.map((r) => r.f1)),
    overall: mean(rows.map((r) => r.f1)),
    abstention: mean(answerable.map((r) => (r.abstained ? 1 : 0))),
  };
}

interface Run {
  curve: { step: number; score: Score }[];
  trainMs: number[];
  generateMs: number[];
}

function run(options: ExtractivePolicyOptions, seed: number): Run {
  const category = (e: SplitExample) => e.category;
  const train = stratifiedSample(splits.train.examples, Number(flags["num-train"]), {
    key: category,
    seed: seed,
  });
  const val = stratifiedSample(splits.val.examples, Number(flags["num-val"]), {
    key: category,
    seed: seed + 1,
  });
  const policy = createExtractivePolicy({ seed, ...options });
  const curve = [{ step: 0, score: validate(policy, val) }];
  const trainMs: number[] = [];
  const generateMs: number[] = [];
  for (let step = 1; step <= steps; step++) {
    stepBatch(train, step, { k, key: category, seed }).forEach((example, i) => {
      const ex = prompt(example);
      let t = performance.now();
      const completions = policy.generate({
        messages: ex.messages,
        temperature,
        maxTokens: program.maxTokens,
        n: g,
        seed: (seed * 7919 + step * 1009 + i * 101) % 2_147_483_647,
      });
      generateMs.push(performance.now() - t);
      const group = completions.map((c) => ({
        messages: ex.messages,
        completion: { role: "assistant" as const, content: c },
        reward: reward(c, ex),
      }));
      t = performance.now();
      policy.train(group, hp);
      trainMs.push(performance.now() - t);
    });
    if (step % valEvery === 0 || step === steps) {
      curve.push({ step, score: validate(policy, val) });
    }
  }
  return { curve, trainMs, generateMs };
}

const f = (x: number | undefined) => (x === undefined ? "  -  " : x.toFixed(3));
function row({ step, score }: { step: number; score: Score }): string {
  const cats = [1, 2, 3, 4, 5].map((c) => f(score.byCategory[c])).join("  ");
  return `${String(step).padStart(4)}  ${f(score.answerable)}  ${f(score.overall)}  ` +
    `${(100 * score.abstention).toFixed(0).padStart(3)}%   ${cats}`;
}

/** Issue 7's conditions on the final and on the best (by overall score) validation. */
function verdict(r: Run): { final: boolean; best: boolean; summary: string } {
  const first = r.curve[0]!.score;
  const ok = (s: Score) =>
    s.answerable >= 2 * first.answerable && s.answerable >= first.answerable + 0.05 &&
    s.overall >= first.overall && s.abstention <= 0.3;
  const last = r.curve[r.curve.length - 1]!.score;
  // The loop keeps the checkpoint with the best overall score (first one on ties).
  const best = r.curve.reduce((a, b) => (b.score.overall > a.score.overall ? b : a)).score;
  return {
    final: ok(last),
    best: ok(best),
    summary: `untrained ${f(first.answerable)} → final ${f(last.answerable)} ` +
      `(${(last.answerable / first.answerable).toFixed(2)}×, ${
        last.answerable - first.answerable >= 0 ? "+" : ""
      }${f(last.answerable - first.answerable)}), overall ${f(first.overall)} → ` +
      `${f(last.overall)}, abstain ${(100 * last.abstention).toFixed(0)}%; must-show final ${
        ok(last) ? "PASS" : "FAIL"
      }, best-checkpoint ${ok(best) ? "PASS" : "FAIL"}`,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const seeds = flags.seeds.split(",").map(Number);
const base: ExtractivePolicyOptions = {
  ...(flags.prior ? { prior: flags.prior as "hand" | "zero" } : {}),
  ...(flags["lr-scale"] ? { learningRateScale: Number(flags["lr-scale"]) } : {}),
  disabledFeatureGroups: flags.disable ? flags.disable.split(",") : [],
  ...JSON.parse(flags.options) as ExtractivePolicyOptions,
};
console.log(
  `steps ${steps} × k ${k} × G ${g}, lr ${hp.learningRate} (× learningRateScale), beta ${hp.beta}, ` +
    `accum ${hp.gradientAccumulationSteps}, scaleRewards ${hp.scaleRewards}, T ${temperature}, ` +
    `options ${JSON.stringify(base)}`,
);
const t0 = performance.now();
const runs = seeds.map((seed) => {
  const r = run(base, seed);
  console.log(`seed ${seed}: ${verdict(r).summary}`);
  if (!flags.quiet) {
    console.log("step  ans1-4 overall abst   cat1   cat2   cat3   cat4   cat5");
    for (const point of r.curve) console.log(row(point));
  }
  return r;
});
const finals = runs.map((r) => r.curve[r.curve.length - 1]!.score.answerable);
console.log(
  `mean final answerable ${f(finals.reduce((a, b) => a + b, 0) / finals.length)}; passing ` +
    `seeds (final) ${runs.filter((r) => verdict(r).final).length}/${runs.length}`,
);
const trainMs = runs.flatMap((r) => r.trainMs);
const generateMs = runs.flatMap((r) => r.generateMs);
console.log(
  `throughput: train group of ${g} median ${median(trainMs).toFixed(2)} ms, generate n=${g} ` +
    `median ${median(generateMs).toFixed(2)} ms (first call per prompt computes features), ` +
    `wall ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

if (flags.ablate) {
  const meanOf = (rs: Run[], pick: (s: Score) => number, at: 0 | -1) =>
    rs.reduce((a, r) => a + pick(r.curve.at(at)!.score), 0) / rs.length;
  const show = (name: string, rs: Run[]) =>
    console.log(
      `  ${name.padEnd(24)} untrained ${f(meanOf(rs, (s) => s.answerable, 0))} → final ${
        f(meanOf(rs, (s) => s.answerable, -1))
      }  overall ${f(meanOf(rs, (s) => s.overall, -1))}  Δfinal ${
        f(meanOf(rs, (s) => s.answerable, -1) - meanOf(runs, (s) => s.answerable, -1))
      }`,
    );
  console.log("\nablation (mean over seeds; feature group off)");
  show("(none)", runs);
  for (const group of FEATURE_GROUPS) {
    const disabled = [...(base.disabledFeatureGroups ?? []), group];
    show(`-${group}`, seeds.map((seed) => run({ ...base, disabledFeatureGroups: disabled }, seed)));
  }
}
bank.free();
