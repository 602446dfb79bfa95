import assert from "node:assert/strict";
import type { SplitExample } from "../data/mod.ts";
import type { ParsedAnswer } from "../program/mod.ts";
import { RewardFailureError } from "./step_error.ts";
import { watchReward } from "./train_reward.ts";

const example = {} as SplitExample;
const parsed = {} as ParsedAnswer;

Deno.test("watchReward() passes rewards through and forgives a step without failures", async () => {
  let fail = true;
  const reward = watchReward(() => {
    if (fail) throw new Error("judge down");
    return 0.5;
  }, { maxFailedSteps: 2, secrets: [] });
  await assert.rejects(async () => await reward(example, parsed), /judge down/);
  reward.afterStep(1); // 1 failed step of 2
  fail = false;
  assert.equal(await reward(example, parsed), 0.5);
  reward.afterStep(2); // the streak is reset
  fail = true;
  await assert.rejects(async () => await reward(example, parsed));
  reward.afterStep(3); // 1 failed step again: no throw
});

Deno.test("watchReward() stops after maxFailedSteps consecutive failing steps, redacted", async () => {
  const reward = watchReward(() => {
    throw new Error("401 for key sk-secret");
  }, { maxFailedSteps: 2, secrets: ["sk-secret"] });
  for (const step of [1, 2]) {
    await assert.rejects(async () => await reward(example, parsed));
    await assert.rejects(async () => await reward(example, parsed));
    if (step === 1) reward.afterStep(step);
  }
  let e: unknown;
  try {
    reward.afterStep(2);
  } catch (error) {
    e = error;
  }
  assert.ok(e instanceof RewardFailureError);
  assert.equal(e.step, 2);
  assert.equal(e.failedSteps, 2);
  assert.equal(e.failedCalls, 4);
  assert.match(e.message, /\[REDACTED\]/);
  assert.doesNotMatch(e.message, /sk-secret/);
});
