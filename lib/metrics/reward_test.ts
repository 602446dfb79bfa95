import assert from "node:assert/strict";
import { computeReward, resolveRewardConfig, type RewardInput } from "./reward.ts";

/** Questions in LOCOMO's category mix (282, 321, 96, 841, 446), all with gold "Paris". */
function locomoMix(prediction: string, judgeVerdict: 0 | 1 = 0): RewardInput[] {
  const counts: [number, number][] = [[1, 282], [2, 321], [3, 96], [4, 841], [5, 446]];
  return counts.flatMap(([category, n]) =>
    Array.from({ length: n }, () => ({
      prediction,
      answer: category === 5 ? null : "Paris",
      category,
      judgeVerdict,
    }))
  );
}

function meanReward(items: RewardInput[], options = {}): number {
  const config = resolveRewardConfig(options);
  return items.reduce((sum, item) => sum + computeReward(item, config).reward, 0) / items.length;
}

Deno.test("resolveRewardConfig() fills documented defaults", () => {
  assert.deepEqual(resolveRewardConfig(), {
    kind: "f1",
    f1Weight: 0.5,
    abstentionPenalty: 0.4,
    formatFailureReward: -0.1,
  });
});

Deno.test("resolveRewardConfig() rejects invalid settings", () => {
  assert.throws(() => resolveRewardConfig({ kind: "bleu" as "f1" }), RangeError);
  assert.throws(() => resolveRewardConfig({ f1Weight: 1.5 }), RangeError);
  assert.throws(() => resolveRewardConfig({ abstentionPenalty: -1 }), RangeError);
  assert.throws(() => resolveRewardConfig({ formatFailureReward: NaN }), RangeError);
});

Deno.test("computeReward() makes always abstaining earn less than answering on LOCOMO's mix", () => {
  const abstain = meanReward(locomoMix("Not mentioned in the conversation."));
  const wrongAnswers = meanReward(locomoMix("Berlin"));
  const rightAnswers = meanReward(locomoMix("Paris"));
  assert.ok(Math.abs(abstain - (446 - 0.4 * 1540) / 1986) < 1e-12);
  assert.ok(abstain < 0);
  assert.ok(abstain < wrongAnswers && wrongAnswers < rightAnswers);
});

Deno.test("computeReward() with a weak penalty of 0.2 would pay always abstaining", () => {
  const abstain = meanReward(locomoMix("not mentioned"), { abstentionPenalty: 0.2 });
  assert.ok(abstain > meanReward(locomoMix("Berlin"), { abstentionPenalty: 0.2 }));
});

Deno.test("computeReward() guards the judge reward against abstention too", () => {
  const abstain = meanReward(locomoMix("not mentioned", 1), { kind: "llm" });
  const answer = meanReward(locomoMix("Berlin", 0), { kind: "llm" });
  assert.ok(abstain < answer);
});

Deno.test("computeReward() mixes score and verdict with the configured weight", () => {
  const config = resolveRewardConfig({ kind: "both", f1Weight: 0.25 });
  const result = computeReward(
    { prediction: "Paris, France", answer: "Paris", category: 4, judgeVerdict: 1 },
    config,
  );
  assert.equal(result.f1, 2 / 3);
  assert.equal(result.reward, 0.25 * (2 / 3) + 0.75);
  assert.equal(result.rule, "score");
});

Deno.test("computeReward() rewards abstaining on category 5 by the official rule for every kind", () => {
  for (const kind of ["f1", "llm", "both"] as const) {
    const config = resolveRewardConfig({ kind });
    assert.equal(
      computeReward({ prediction: "Not mentioned", answer: null, category: 5 }, config).reward,
      1,
    );
    assert.equal(
      computeReward({ prediction: "Yes", answer: undefined, category: 5 }, config).reward,
      0,
    );
  }
});

Deno.test("computeReward() gives a format failure its defined reward instead of throwing", () => {
  const result = computeReward(
    { prediction: "", answer: "Paris", category: 4, formatFailure: true },
    resolveRewardConfig({ kind: "llm" }),
  );
  assert.deepEqual([result.reward, result.rule], [-0.1, "format-failure"]);
});

Deno.test("computeReward() treats a blank prediction as a format failure", () => {
  for (const kind of ["f1", "llm", "both"] as const) {
    const result = computeReward(
      { prediction: "  \n", answer: "Paris", category: 4 },
      resolveRewardConfig({ kind }),
    );
    assert.deepEqual([result.reward, result.rule], [-0.1, "format-failure"]);
  }
});

Deno.test("computeReward() asks for a judge verdict when the kind needs one", () => {
  assert.throws(
    () =>
      computeReward(
        { prediction: "Paris", answer: "Paris", category: 4 },
        resolveRewardConfig({ kind: "llm" }),
      ),
    TypeError,
  );
});
