import assert from "node:assert/strict";
import type { ChatMessage, GroupItem } from "../../protocol/mod.ts";
import type { GrpoHyperparams } from "../policy_types.ts";
import { createExtractivePolicy, restorePolicy } from "./extractive_policy.ts";
import { ABSTAIN_TEXT } from "./policy_options.ts";
import { PolicyStateError } from "./policy_state.ts";
import { testPrompt } from "./test_prompt.ts";
import { CONSTANT_LR } from "../lr_schedule.ts";

const messages = testPrompt();
const hp: GrpoHyperparams = {
  learningRate: 1e-5,
  beta: 0,
  scaleRewards: false,
  maxGradNorm: 1,
  groupsPerStep: 1,
  lrSchedule: CONSTANT_LR,
  epsilon: 0.2,
  epsilonHigh: 0.28,
  temperature: 1,
};
const request = (temperature: number, seed?: number) => ({
  messages,
  temperature,
  maxTokens: 32,
  n: 8,
  ...(seed === undefined ? {} : { seed }),
});
const group = (completions: string[], rewards: number[]): GroupItem[] =>
  completions.map((content, i) => ({
    messages,
    completion: { role: "assistant", content },
    reward: rewards[i]!,
  }));

Deno.test("generate() samples differing completions at T=1 and reproduces them from a seed", () => {
  const policy = createExtractivePolicy();
  const a = policy.generate(request(1, 7));
  assert.equal(a.length, 8);
  assert.ok(new Set(a).size >= 3, `a group of 8 differs: ${a}`);
  assert.deepEqual(policy.generate(request(1, 7)), a);
  assert.notDeepEqual(policy.generate(request(1, 8)), a);
});

Deno.test("generate() at T=0 is greedy and ignores the seed", () => {
  const policy = createExtractivePolicy({ prior: "hand" });
  const a = policy.generate(request(0, 1));
  assert.equal(new Set(a).size, 1);
  assert.deepEqual(policy.generate(request(0, 2)), a);
  assert.equal(a[0], "7 May 2023", "the prior answers a when-question with the resolved date");
});

Deno.test("generate() abstains as a separate decision", () => {
  const state = createExtractivePolicy().snapshot();
  state.weights[0] = -50; // the decision's bias weight
  const abstainer = restorePolicy(state);
  assert.deepEqual(abstainer.generate(request(0)), new Array(8).fill(ABSTAIN_TEXT));
  state.weights.fill(0); // p(answer) = 1/2 although there are hundreds of spans
  const sampled = restorePolicy(state).generate({ ...request(1, 3), n: 400 });
  const rate = sampled.filter((c) => c === ABSTAIN_TEXT).length / sampled.length;
  assert.ok(rate > 0.4 && rate < 0.6, `abstention rate ${rate}`);
});

Deno.test("train() raises the probability of completions with positive advantage", () => {
  const policy = createExtractivePolicy({ optimizer: "sgd" });
  const before = policy.generate({ ...request(1, 11), n: 300 }).filter((c) => c === "Lake Tahoe");
  const completions = [
    "Lake Tahoe",
    "pottery class",
    "7 May 2023",
    "Ben",
    ...new Array(4).fill("2023"),
  ];
  for (let i = 0; i < 20; i++) {
    policy.train(group(completions, [1, 0, 0, 0, 0, 0, 0, 0]), { ...hp, learningRate: 1e-3 });
  }
  const after = policy.generate({ ...request(1, 11), n: 300 }).filter((c) => c === "Lake Tahoe");
  assert.ok(after.length > before.length + 20, `${before.length} → ${after.length}`);
});

Deno.test("train() reports Arbor's advantages with and without scale_rewards", () => {
  const rewards = [1, 0, 0.5, 0, 1, 0, 0, 0.5];
  const items = group(new Array(8).fill("Lake Tahoe"), rewards);
  const plain = createExtractivePolicy().train(items, hp);
  const mean = 3 / 8;
  assert.deepEqual(
    plain.advantages.map((a) => +a.toFixed(12)),
    rewards.map((r) => +(r - mean).toFixed(12)),
  );
  const scaled = createExtractivePolicy().train(items, { ...hp, scaleRewards: true });
  scaled.advantages.forEach((a, i) =>
    assert.ok(Math.abs(a - (rewards[i]! - mean) / (plain.rewardStd + 1e-4)) < 1e-9)
  );
  assert.equal(plain.rewardMean, mean);
});

Deno.test("train() on a group with equal rewards leaves the weights unchanged", () => {
  const policy = createExtractivePolicy();
  const before = policy.snapshot().weights;
  const stats = policy.train(
    group(
      ["Lake Tahoe", "Ben", "2023", ABSTAIN_TEXT, "x y", "Tom", "Ann", "cats"],
      new Array(8).fill(0.5),
    ),
    { ...hp, beta: 0.1 },
  );
  assert.equal(stats.gradNorm, 0);
  assert.deepEqual(policy.snapshot().weights, before);
  assert.ok(stats.optimizerStep);
});

Deno.test("train() with beta > 0 pulls the policy back toward the reference", () => {
  const state = createExtractivePolicy({ optimizer: "sgd" }).snapshot();
  state.weights = state.weights.map((w, i) => w + 0.5 * Math.cos(i));
  const policy = restorePolicy(state);
  const items = group(policy.generate({ ...request(1, 5), n: 8 }), new Array(8).fill(0));
  const kls: number[] = [];
  for (let i = 0; i < 20; i++) {
    kls.push(policy.train(items, { ...hp, beta: 1, learningRate: 4e-5 }).kl);
  }
  assert.ok(kls[0]! > 0);
  assert.ok(kls[19]! < 0.5 * kls[0]!, `KL ${kls[0]} → ${kls[19]}`);
  const noKl = restorePolicy(state);
  noKl.train(items, { ...hp, beta: 0, learningRate: 1e-5 });
  assert.deepEqual(noKl.snapshot().weights, state.weights, "equal rewards and beta 0: no update");
});

Deno.test("train() defers the optimizer step until groupsPerStep groups arrived", () => {
  const policy = createExtractivePolicy();
  const items = group(["Lake Tahoe", "Ben", "2023", "Tom", "Ann", "cats", "7 May 2023", "kids"], [
    1,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
  ]);
  const settings = { ...hp, groupsPerStep: 2 };
  const w0 = policy.snapshot().weights;
  const first = policy.train(items, settings);
  assert.equal(first.optimizerStep, false);
  assert.equal(first.gradNorm, 0);
  assert.deepEqual(policy.snapshot().weights, w0);
  const second = policy.train(items, settings);
  assert.equal(second.optimizerStep, true);
  assert.equal(second.globalStep, 1);
  assert.ok(second.gradNorm > 0);
  assert.notDeepEqual(policy.snapshot().weights, w0);
});

Deno.test("train() counts completions outside the policy's support and skips them", () => {
  const policy = createExtractivePolicy();
  const stats = policy.train(
    group(["zebra quantum", "", "Lake Tahoe", "Lake", "Ben", "Ann", "Tom", "kids"], [
      1,
      1,
      0,
      0,
      0,
      0,
      0,
      0,
    ]),
    hp,
  );
  assert.equal(stats.skipped, 2);
  assert.equal(policy.snapshot().skippedCompletions, 2);
});

Deno.test("snapshot() and restorePolicy() round-trip exactly through JSON", () => {
  const policy = createExtractivePolicy({ seed: 3, maxSpanLength: 4 });
  const items = group(policy.generate(request(1, 9)), [1, 0, 0.2, 0, 0, 1, 0, 0]);
  policy.train(items, hp);
  policy.train(items, { ...hp, groupsPerStep: 2 }); // leaves a pending accumulation
  policy.generate({ ...request(1), n: 3 }); // advances the policy's own sampling stream
  const copy = restorePolicy(JSON.parse(JSON.stringify(policy.snapshot())));
  assert.deepEqual(copy.snapshot(), policy.snapshot());
  assert.deepEqual(copy.generate(request(1)), policy.generate(request(1)));
  assert.deepEqual(
    copy.train(items, { ...hp, groupsPerStep: 2 }),
    policy.train(items, { ...hp, groupsPerStep: 2 }),
  );
  assert.deepEqual(copy.snapshot(), policy.snapshot());
});

Deno.test("restorePolicy() rejects a damaged snapshot with the faulty path", () => {
  const state = createExtractivePolicy().snapshot();
  assert.throws(
    () => restorePolicy({ ...state, weights: [1, 2] }),
    (e: unknown) => e instanceof PolicyStateError && e.path === "weights",
  );
  assert.throws(() => restorePolicy({ ...state, extra: 1 }), PolicyStateError);
  assert.throws(
    () => restorePolicy({ ...state, featureNames: { decision: [], span: [] } }),
    /feature layout/,
  );
});

Deno.test("generate() and train() do not crash on malformed messages", () => {
  const policy = createExtractivePolicy();
  const odd = [
    [],
    [{ role: "user", content: "" }],
    [{ role: "user", content: "just some text without a question" }],
    [{ role: "system", content: 42 }],
    [{ role: "user", content: "[broken | line\nQuestion: ?" }],
  ] as unknown as ChatMessage[][];
  for (const m of odd) {
    const out = policy.generate({ messages: m, temperature: 1, maxTokens: 8, n: 2, seed: 1 });
    assert.equal(out.length, 2);
    policy.train(
      out.map((content) => ({
        messages: m,
        completion: { role: "assistant", content },
        reward: 0,
      })),
      hp,
    );
  }
  assert.deepEqual(policy.generate({ messages: [], temperature: 0, maxTokens: 8, n: 1 }), [
    ABSTAIN_TEXT,
  ]);
  assert.throws(() => policy.generate({ ...request(1), n: 0 }), RangeError);
  assert.throws(() => policy.train([], hp), TypeError);
  assert.throws(() => policy.train(group(["a"], [NaN]), hp), TypeError);
});

Deno.test("the untrained policy answers greedily and samples abstentions at σ(−answerBias)", () => {
  const untrained = createExtractivePolicy({ answerBias: 2 });
  const zero = createExtractivePolicy({ answerBias: 0 });
  assert.deepEqual(untrained.generate(request(0)), zero.generate(request(0)), "same greedy answer");
  const sampled = untrained.generate({ ...request(1, 5), n: 1000 });
  const rate = sampled.filter((c) => c === ABSTAIN_TEXT).length / sampled.length;
  assert.ok(rate > 0.08 && rate < 0.16, `abstention rate ${rate} (σ(−2) ≈ 0.12)`);
});

Deno.test("train() follows the trainer's warm-up: the first optimizer step has learning rate 0", () => {
  const policy = createExtractivePolicy();
  const items = group(["Lake Tahoe", "Ben", "2023", "Tom", "Ann", "cats", "7 May 2023", "kids"], [
    1,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
  ]);
  const warm = {
    ...hp,
    lrSchedule: { type: "constant_with_warmup" as const, warmupSteps: 2, totalSteps: null },
  };
  const w0 = policy.snapshot().weights;
  const first = policy.train(items, warm);
  assert.equal(first.optimizerStep, true);
  assert.deepEqual(policy.snapshot().weights, w0, "warm-up factor 0 at step 0");
  policy.train(items, warm);
  assert.notDeepEqual(policy.snapshot().weights, w0, "factor 0.5 at step 1");
});

Deno.test("train() teaches the yes/no form: untrained answers a span, trained answers No", () => {
  const yesNoMessages = testPrompt("Did Ben's brother adopt three dogs?");
  const policy = createExtractivePolicy({ seed: 3 });
  const ask = (temperature: number, n: number, seed?: number) =>
    policy.generate({ messages: yesNoMessages, temperature, maxTokens: 32, n, seed });
  assert.ok(!["Yes", "No"].includes(ask(0, 1)[0]!), "the untrained greedy answer is a span");
  const sampled = ask(1, 1000, 1);
  const rate = sampled.filter((c) => c === "Yes" || c === "No").length / sampled.length;
  assert.ok(rate > 0.17 && rate < 0.3, `yes/no rate ${rate} (σ(2) · σ(−1) ≈ 0.24)`);
  for (let step = 0; step < 40; step++) {
    const completions = ask(1, 8, 100 + step);
    policy.train(
      completions.map((content) => ({
        messages: yesNoMessages,
        completion: { role: "assistant" as const, content },
        reward: content === "No" ? 1 : 0,
      })),
      { ...hp, learningRate: 1e-4 },
    );
  }
  assert.equal(ask(0, 1)[0], "No");
});

Deno.test("restorePolicy() upgrades a snapshot saved before the yes/no form, answering as before", () => {
  const state = createExtractivePolicy({ seed: 4 }).snapshot();
  const d = state.featureNames.decision.length;
  const s = state.featureNames.span.length;
  state.weights = state.weights.map((w, i) => (i >= d && i < d + s - 1 ? Math.sin(i) : w));
  const current = restorePolicy(structuredClone(state));
  // The same policy as the previous version saved it: no yesno span weight, no form weights.
  const strip = (xs: number[]) => [...xs.slice(0, d + s - 1)];
  const old = structuredClone(state) as unknown as Record<string, unknown> & typeof state;
  delete (old.config as Partial<typeof state.config>).yesNoBias;
  delete (old.config as Partial<typeof state.config>).formLearningRate;
  old.featureNames = { ...state.featureNames, span: state.featureNames.span.slice(0, -1) };
  old.weights = strip(state.weights);
  old.reference = strip(state.reference);
  old.optimizer = { ...state.optimizer, m: strip(state.optimizer.m), v: strip(state.optimizer.v) };
  old.accumulation = { ...state.accumulation, grad: strip(state.accumulation.grad) };
  const upgraded = restorePolicy(JSON.parse(JSON.stringify(old)));
  assert.deepEqual(upgraded.snapshot(), current.snapshot());
  const yesNo = { ...request(0), messages: testPrompt("Did Ben's brother adopt two cats?") };
  assert.deepEqual(upgraded.generate(yesNo), current.generate(yesNo));
  assert.ok(!["Yes", "No"].includes(upgraded.generate(yesNo)[0]!), "a span, as before");
  old.featureNames = { ...old.featureNames, span: old.featureNames.span.slice(0, -1) };
  assert.throws(() => restorePolicy(old), /another version of the embedded policy/);
});
