import assert from "node:assert/strict";
import { GroupSizeError, JobStateError } from "./errors.ts";
import { GrpoJob } from "./grpo_job.ts";
import type { GroupItem } from "../protocol/mod.ts";
import type { GrpoHyperparams, StepStats, TrainablePolicy } from "./policy_types.ts";
import type { JobTrainingConfig } from "./training_config.ts";
import { CONSTANT_LR } from "./lr_schedule.ts";

/** A policy that records what it was trained on and takes a step every `accum` groups. */
class RecordingPolicy implements TrainablePolicy {
  groups: GroupItem[][] = [];
  generate(): string[] {
    return ["x"];
  }
  train(group: GroupItem[], hp: GrpoHyperparams): StepStats {
    this.groups.push(group);
    const step = Math.floor(this.groups.length / hp.groupsPerStep);
    return {
      loss: 0,
      kl: 0,
      gradNorm: 0,
      rewardMean: 0,
      rewardStd: 0,
      advantages: group.map(() => 0),
      optimizerStep: this.groups.length % hp.groupsPerStep === 0,
      globalStep: step,
    };
  }
  snapshot() {
    return {};
  }
}

function job(training: Partial<JobTrainingConfig> = {}, accum = 1) {
  const policy = new RecordingPolicy();
  const value = new GrpoJob({
    id: "grpo:m:x:20251101",
    model: "m",
    dialect: "2025.11",
    dir: "/tmp/unused",
    policy,
    request: {},
    training: {
      numGenerations: 2,
      maxSteps: 3,
      softCompletionPenaltyLength: null,
      maxCompletionLength: null,
      ignoredFields: [],
      hyperparams: {
        learningRate: 1,
        beta: 0,
        scaleRewards: false,
        maxGradNorm: 1,
        groupsPerStep: accum,
        lrSchedule: CONSTANT_LR,
        epsilon: 0.2,
        epsilonHigh: 0.28,
        temperature: 1,
      },
      ...training,
    },
  });
  return { job: value, policy };
}

const item = (content: string, reward: number): GroupItem => ({
  messages: [{ role: "user", content: "q" }],
  completion: { role: "assistant", content },
  reward,
});
const now = new Date(0);

Deno.test("GrpoJob.pendingBatchIds() asks one group ahead and stops at max_steps", () => {
  const { job: j } = job();
  assert.deepEqual(j.pendingBatchIds(), [0, 1]);
  j.step([item("a", 1), item("b", 0)], null, now);
  j.step([item("a", 1), item("b", 0)], null, now);
  assert.deepEqual(j.pendingBatchIds(), [2]);
  j.step([item("a", 1), item("b", 0)], null, now);
  assert.deepEqual(j.pendingBatchIds(), []);
  assert.throws(() => j.step([item("a", 1), item("b", 0)], null, now), JobStateError);
});

Deno.test("GrpoJob.pendingBatchIds() counts accumulated groups per optimizer step", () => {
  const { job: j } = job({ maxSteps: 1 }, 2);
  assert.deepEqual(j.pendingBatchIds(), [0, 1]);
  j.step([item("a", 1), item("b", 0)], null, now);
  assert.deepEqual(j.pendingBatchIds(), [1]);
});

Deno.test("GrpoJob.step() refuses a group whose size is not num_generations", () => {
  const { job: j, policy } = job();
  assert.throws(() => j.step([item("a", 1)], null, now), GroupSizeError);
  assert.equal(policy.groups.length, 0);
});

Deno.test("GrpoJob.step() scales down positive rewards of over-long completions", () => {
  const { job: j, policy } = job({ softCompletionPenaltyLength: 2, maxCompletionLength: 6 });
  j.step([item("one two three four", 1), item("one two three four", -1)], null, now);
  assert.deepEqual(policy.groups[0]?.map((i) => i.reward), [0.5, -1]);
});
