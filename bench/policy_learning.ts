/**
 * Learning harness of the embedded extractive policy without HTTP, mirroring
 * `deno task train --backend embedded --num-train-steps N --seed S` followed by
 * `deno task evaluate --program <its saved program>`:
 *
 * - training as the train CLI's loop does it: the same split and stratified samples, the same step
 *   batches (k examples per step, stratified by category), G rollouts per example at the rollout
 *   temperature with the CLI's rollout seeds, the official-F1 reward with the abstention guard,
 *   the trainer settings the embedded server resolves from the train CLI's initialize body
 *   (learning rate 2e-5 with 10 warm-up steps, β 0.04, scaled rewards, one group per optimizer
 *   step, max grad norm 1) and greedy validation every N steps;
 * - the saved program is the best validation checkpoint (overall F1, first one on ties), as the
 *   loop keeps it;
 * - held-out evaluation as `deno task evaluate` scores it: every question of the split (`--eval`,
 *   default `val` for development; `test` only to report), greedy answers, official F1, the
 *   trained checkpoint against the untrained policy.
 *
 * Prints per seed the untrained and trained categories 1–4 F1 (gain, ratio, pass = ≥ 2× and
 * ≥ +0.05), category 5 F1 and abstention on answerable and on adversarial questions; then the
 * means, seeds passing and wall time per 100 training steps.
 *
 * Run: `LOCOMO_PATH=/work/shared/data/locomo10.json deno run -A bench/policy_learning.ts`
 * Flags: `--seeds 1,2,…,10 --steps 100 --eval val|test --k 4 --g 8 --val-every 10
 * --num-train 600 --num-val 100 --lr 2e-5 --beta 0.04 --groups-per-step 1 --temperature 1
 * --options '{"warmupSteps":10}' --disable group,… --ablate --curve`.
 * `--ablate` retrains once per feature group switched off and prints the mean deltas.
 *
 * @module
 */

import { parseArgs } from "node:util";
import {
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
import { resolveTrainConfig, stepBatch, trainerSettingsFor } from "../lib/grpo/mod.ts";
import { headInitializeBody } from "../lib/arbor/initialize_body.ts";
import { resolveHeadTraining } from "../lib/embedded/training_config.ts";
import type { HeadInitializeBody } from "../lib/protocol/mod.ts";
import {
  createExtractivePolicy,
  type ExtractivePolicyOptions,
  FEATURE_GROUPS,
  type GrpoHyperparams,
  resolvePolicyOptions,
  restorePolicy,
  type TrainablePolicy,
} from "../lib/embedded/mod.ts";

const { values: flags } = parseArgs({
  options: {
    seeds: { type: "string", default: "1,2,3,4,5,6,7,8,9,10" },
    steps: { type: "string", default: "100" },
    eval: { type: "string", default: "val" },
    k: { type: "string", default: "4" },
    g: { type: "string", default: "8" },
    "val-every": { type: "string", default: "10" },
    "num-train": { type: "string", default: "600" },
    "num-val": { type: "string", default: "100" },
    lr: { type: "string", default: "2e-5" },
    beta: { type: "string", default: "0.04" },
    "groups-per-step": { type: "string", default: "" },
    temperature: { type: "string", default: "1" },
    disable: { type: "string", default: "" },
    options: { type: "string", default: "{}" },
    ablate: { type: "boolean", default: false },
    curve: { type: "boolean", default: false },
  },
});
if (flags.eval !== "val" && flags.eval !== "test") throw new RangeError("--eval is val or test");

const path = Deno.env.get("LOCOMO_PATH");
if (!path) throw new Error("Set LOCOMO_PATH to locomo10.json");
const dataset = await loadLocomo(path);
const splits = splitLocomo(dataset);
const program = resolveProgram({ k: 10 });
const bank = createMemoryBank(dataset.conversations);
const prompts = new Map<string, ChatMessage[]>();
const messages = (ex: SplitExample): ChatMessage[] => {
  let hit = prompts.get(ex.id);
  if (!hit) {
    hit = render(program, bank.get(ex.sampleId), { question: ex.question }).messages
      .map((m) => ({ role: m.role, content: m.content }));
    prompts.set(ex.id, hit);
  }
  return hit;
};
const rewardConfig = resolveRewardConfig({ kind: "f1", abstentionPenalty: 0.4 });
const reward = (text: string, ex: SplitExample): number => {
  const parsed = parseAnswer(text);
  return computeReward({
    prediction: parsed.answer,
    answer: ex.answer,
    category: ex.category,
    formatFailure: parsed.formatFailure,
  }, rewardConfig).reward;
};

const steps = Number(flags.steps);
const temperature = Number(flags.temperature);
// The hyper-parameters the embedded server resolves from the train CLI's 2025.11 initialize body
// (one group per optimizer step, the CLI's warm-up), with this bench's flags applied.
const sent = headInitializeBody(
  trainerSettingsFor(resolveTrainConfig({
    numTrainSteps: steps,
    examplesPerStep: Number(flags.k),
    numGenerations: Number(flags.g),
    learningRate: Number(flags.lr),
    beta: Number(flags.beta),
    temperature,
  })),
);
const hp: GrpoHyperparams = {
  ...resolveHeadTraining(sent as unknown as HeadInitializeBody, sent).hyperparams,
  ...(flags["groups-per-step"] ? { groupsPerStep: Number(flags["groups-per-step"]) } : {}),
};

/** Greedy answers on a set of questions, scored as validation and `deno task evaluate` do. */
interface Score {
  /** Mean F1 over all questions (the validation score the loop selects on). */
  overall: number;
  /** Mean F1 over categories 1–4. */
  answerable: number;
  /** Mean F1 on category 5. */
  adversarial: number;
  /** Share of abstentions on categories 1–4. */
  abstainAnswerable: number;
  /** Share of abstentions on category 5. */
  abstainAdversarial: number;
  /** Mean F1 by category. */
  byCategory: number[];
  /** Share of the most frequent answer. */
  topAnswer: number;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

function score(policy: TrainablePolicy, examples: readonly SplitExample[]): Score {
  const rows = examples.map((ex) => {
    const [text] = policy.generate({
      messages: messages(ex),
      temperature: 0,
      maxTokens: program.maxTokens,
      n: 1,
    });
    const parsed = parseAnswer(text);
    const f1 = locomoF1(parsed.answer, ex.answer, ex.category);
    return { category: ex.category, f1, abstained: parsed.abstained, answer: parsed.answer };
  });
  const ans = rows.filter((r) => r.category !== 5);
  const adv = rows.filter((r) => r.category === 5);
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.answer, (counts.get(r.answer) ?? 0) + 1);
  return {
    overall: mean(rows.map((r) => r.f1)),
    answerable: mean(ans.map((r) => r.f1)),
    adversarial: mean(adv.map((r) => r.f1)),
    abstainAnswerable: mean(ans.map((r) => (r.abstained ? 1 : 0))),
    abstainAdversarial: mean(adv.map((r) => (r.abstained ? 1 : 0))),
    byCategory: [1, 2, 3, 4, 5].map((c) =>
      mean(rows.filter((r) => r.category === c).map((r) => r.f1))
    ),
    topAnswer: Math.max(0, ...counts.values()) / Math.max(1, rows.length),
  };
}

interface Run {
  seed: number;
  curve: { step: number; score: Score }[];
  bestStep: number;
  before: Score;
  after: Score;
  trainSeconds: number;
}

const held = splits[flags.eval].examples;
function run(options: ExtractivePolicyOptions, seed: number): Run {
  const category = (e: SplitExample) => e.category;
  const train = stratifiedSample(splits.train.examples, Number(flags["num-train"]), {
    key: category,
    seed,
  });
  const val = stratifiedSample(splits.val.examples, Number(flags["num-val"]), {
    key: category,
    seed: seed + 1,
  });
  const policy = createExtractivePolicy({ seed, ...options });
  const t0 = performance.now();
  const curve = [{ step: 0, score: score(policy, val) }];
  let best = { step: 0, overall: curve[0]!.score.overall, state: policy.snapshot() };
  for (let step = 1; step <= steps; step++) {
    stepBatch(train, step, { k: Number(flags.k), key: category, seed }).forEach((ex, i) => {
      const completions = policy.generate({
        messages: messages(ex),
        temperature,
        maxTokens: program.maxTokens,
        n: Number(flags.g),
        seed: (seed * 7919 + step * 1009 + i * 101) % 2_147_483_647,
      });
      policy.train(
        completions.map((c) => ({
          messages: messages(ex),
          completion: { role: "assistant" as const, content: c },
          reward: reward(c, ex),
        })),
        hp,
      );
    });
    if (step % Number(flags["val-every"]) === 0 || step === steps) {
      const s = score(policy, val);
      curve.push({ step, score: s });
      if (s.overall > best.overall) best = { step, overall: s.overall, state: policy.snapshot() };
    }
  }
  const trainSeconds = (performance.now() - t0) / 1000;
  // `deno task evaluate` answers with the untrained policy (seed 0) and the saved checkpoint.
  const before = score(createExtractivePolicy({ ...options, seed: 0 }), held);
  const after = score(restorePolicy(best.state), held);
  return { seed, curve, bestStep: best.step, before, after, trainSeconds };
}

const f = (x: number) => x.toFixed(3);
const pct = (x: number) => `${(100 * x).toFixed(1).padStart(5)}%`;
const passes = (r: Run) =>
  r.after.answerable >= 2 * r.before.answerable &&
  r.after.answerable >= r.before.answerable + 0.05;

function summarise(name: string, runs: Run[]): string {
  const gain = mean(runs.map((r) => r.after.answerable - r.before.answerable));
  return `${name}: mean c1–4 ${f(mean(runs.map((r) => r.before.answerable)))} → ` +
    `${f(mean(runs.map((r) => r.after.answerable)))} (gain ${gain >= 0 ? "+" : ""}${f(gain)}), ` +
    `seeds passing ${runs.filter(passes).length}/${runs.length}, c5 ${
      f(mean(runs.map((r) => r.after.adversarial)))
    }, abstain answerable ${pct(mean(runs.map((r) => r.after.abstainAnswerable)))} adversarial ${
      pct(mean(runs.map((r) => r.after.abstainAdversarial)))
    }, train ${(mean(runs.map((r) => r.trainSeconds)) * 100 / steps).toFixed(1)} s / 100 steps`;
}

const seeds = flags.seeds.split(",").map(Number);
// Without --disable the policy's own default feature groups are used.
const base: ExtractivePolicyOptions = {
  ...(flags.disable ? { disabledFeatureGroups: flags.disable.split(",") } : {}),
  ...JSON.parse(flags.options) as ExtractivePolicyOptions,
};
console.log(
  `steps ${steps} × k ${flags.k} × G ${flags.g}, lr ${hp.learningRate}, beta ${hp.beta}, ` +
    `groups per optimizer step ${hp.groupsPerStep}, lr schedule ${
      JSON.stringify(hp.lrSchedule)
    }, T ${temperature}, options ${JSON.stringify(base)}; ` +
    `held-out: all ${held.length} ${flags.eval} questions`,
);
console.log(
  "seed  best  c1–4 before → after   gain    ratio  pass   c5     abst ans  abst adv  top",
);
const t0 = performance.now();
const runs = seeds.map((seed) => {
  const r = run(base, seed);
  const gain = r.after.answerable - r.before.answerable;
  console.log(
    `${String(seed).padStart(4)}  ${String(r.bestStep).padStart(4)}  ${f(r.before.answerable)} → ` +
      `${f(r.after.answerable)}  ${gain >= 0 ? "+" : ""}${f(gain)}  ${
        (r.after.answerable / r.before.answerable).toFixed(2).padStart(5)
      }×  ${passes(r) ? "PASS" : "FAIL"}  ${f(r.after.adversarial)}  ${
        pct(r.after.abstainAnswerable)
      }   ${pct(r.after.abstainAdversarial)}  ${pct(r.after.topAnswer)}  [c1–5 ${
        r.after.byCategory.map(f).join(" ")
      }]`,
  );
  if (flags.curve) {
    for (const { step, score: s } of r.curve) {
      console.log(
        `        val step ${String(step).padStart(3)}: all ${f(s.overall)} c1–4 ${
          f(s.answerable)
        } c5 ${f(s.adversarial)} abstain ans ${pct(s.abstainAnswerable)} adv ${
          pct(s.abstainAdversarial)
        }`,
      );
    }
  }
  return r;
});
console.log(summarise("mean", runs));
console.log(`wall ${((performance.now() - t0) / 1000).toFixed(1)} s`);

if (flags.ablate) {
  console.log("\nablation (mean over seeds; feature group off)");
  for (const group of FEATURE_GROUPS) {
    const disabled = [
      ...(base.disabledFeatureGroups ?? resolvePolicyOptions(base).disabledFeatureGroups),
      group,
    ];
    const rs = seeds.map((seed) => run({ ...base, disabledFeatureGroups: disabled }, seed));
    console.log(summarise(`-${group}`, rs));
  }
}
bank.free();
