import assert from "node:assert/strict";
import { groupStats } from "./group_stats.ts";
import {
  createFakeBackend,
  createFakeLm,
  loopConfig,
  loopContext,
  loopFixture,
  loopResponder,
  tempRecords,
} from "./loop_test_utils.ts";
import { messagesHash } from "./rollout_group.ts";
import type { RunEvent, RunState } from "./run_records.ts";
import { runGrpoLoop } from "./train_loop.ts";

async function readJsonl(path: string): Promise<RunEvent[]> {
  const text = await Deno.readTextFile(path);
  return text.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l));
}

Deno.test("runGrpoLoop() checkpoints model_checkpoint_best only when validation improves, and calls onBest then", async () => {
  using fixture = loopFixture();
  const records = await tempRecords();
  const backend = createFakeBackend();
  // Validations at steps 0, 2, 4, 5 answer 1, 0, 2 and 2 of the 3 questions right.
  const lm = createFakeLm(loopResponder(fixture, { validationCorrect: (p) => [1, 0, 2, 2][p]! }));
  const best: [number, number, string | null][] = [];
  const result = await runGrpoLoop(
    loopConfig({ numTrainSteps: 5, numStepsForVal: 2 }),
    loopContext(fixture, { backend, lm, records }, {
      onBest: (r, step, checkpoint) => {
        best.push([r.score, step, checkpoint]);
        return Promise.resolve();
      },
    }),
  );

  assert.deepEqual(result.validations.map((v) => v.result.score), [1 / 3, 0, 2 / 3, 2 / 3]);
  assert.deepEqual(backend.checkpoints, [
    { name: "model_checkpoint_best", metadata: { score: 2 / 3, step_index: 3, step: 4 } },
  ]);
  assert.deepEqual(best, [[1 / 3, 0, null], [2 / 3, 4, "/ckpt/model_checkpoint_best"]]);
  assert.deepEqual(result.state.best, { score: 2 / 3, step: 4 });
  assert.equal(result.state.job.bestCheckpoint, "/ckpt/model_checkpoint_best");
  const checkpointEvents = (await records.events()).filter((e) => e.type === "checkpoint");
  assert.deepEqual(checkpointEvents, [
    {
      type: "checkpoint",
      step: 4,
      name: "model_checkpoint_best",
      checkpoint: "/ckpt/model_checkpoint_best",
    },
  ]);
  // Each group carries the latest validation score (the trainer's validation_score).
  assert.deepEqual(
    backend.submitted.map((g) => g.metrics.validation_score),
    [1 / 3, 1 / 3, 1 / 3, 1 / 3, 0, 0, 0, 0, 2 / 3, 2 / 3],
  );
  assert.equal(result.state.lastValidationScore, 2 / 3);
});

Deno.test("runGrpoLoop() with checkpointEveryStep alternates resume_checkpoint_0/1 and ends with model_checkpoint_last", async () => {
  using fixture = loopFixture();
  const backend = createFakeBackend();
  const lm = createFakeLm(loopResponder(fixture));
  const states: RunState[] = [];
  const records = await tempRecords();
  const result = await runGrpoLoop(
    loopConfig({ numTrainSteps: 4, numStepsForVal: 10, checkpointEveryStep: true }),
    loopContext(fixture, { backend, lm, records }, {
      onProgress: () => {
        states.push(JSON.parse(Deno.readTextFileSync(records.path("state"))));
      },
    }),
  );
  assert.deepEqual(backend.checkpoints.map((c) => [c.name, c.metadata.step]), [
    ["resume_checkpoint_1", 1],
    ["resume_checkpoint_0", 2],
    ["resume_checkpoint_1", 3],
    ["model_checkpoint_last", 4],
  ]);
  assert.equal(result.state.job.resumeCheckpoint, "/ckpt/model_checkpoint_last");
  assert.deepEqual(states.map((s) => s.job.resumeCheckpoint), [
    "/ckpt/resume_checkpoint_1",
    "/ckpt/resume_checkpoint_0",
    "/ckpt/resume_checkpoint_1",
    "/ckpt/model_checkpoint_last",
  ]);
});

Deno.test("runGrpoLoop() writes metrics.jsonl, rollouts.jsonl and state.json as the steps go", async () => {
  using fixture = loopFixture();
  const records = await tempRecords();
  const backend = createFakeBackend({ serverMetrics: (n) => ({ loss: n / 10, kl: 0.01 }) });
  const lm = createFakeLm(loopResponder(fixture));
  let clock = 0;
  await runGrpoLoop(
    loopConfig({ numTrainSteps: 3, numStepsForVal: 2, examplesPerStep: 2, numGenerations: 4 }),
    loopContext(fixture, { backend, lm, records }, { now: () => (clock += 250) }),
  );

  const events = await readJsonl(records.path("metrics"));
  assert.deepEqual(events.map((e) => [e.type, e.step]), [
    ["validation", 0],
    ["step", 1],
    ["step", 2],
    ["validation", 2],
    ["step", 3],
    ["validation", 3],
  ]);
  const rollouts = await readJsonl(records.path("rollouts"));
  assert.deepEqual(rollouts.map((r) => [r.step, r.batchId]), [
    [1, 0],
    [1, 1],
    [2, 2],
    [2, 3],
    [3, 4],
    [3, 5],
  ]);
  rollouts.forEach((r, i) => {
    const sent = backend.submitted[i]!;
    assert.deepEqual(r.completions, sent.items.map((it) => it.completion.content));
    assert.deepEqual(r.rewards, sent.items.map((it) => it.reward));
    assert.deepEqual(
      r.advantages,
      groupStats(r.rewards as number[], { scaleRewards: true }).advantages,
    );
    assert.equal(r.messagesHash, messagesHash(sent.items[0]!.messages));
    assert.equal(r.exampleId, fixture.train.find((e) => e.question === questionOf(sent))!.id);
  });
  const steps = events.filter((e) => e.type === "step");
  for (const [i, e] of steps.entries()) {
    const rewards = rollouts.filter((r) => r.step === e.step).flatMap((r) => r.rewards as number[]);
    const mean = rewards.reduce((a, b) => a + b, 0) / rewards.length;
    assert.equal(e.rewardMean, mean);
    assert.equal(e.groups, 2);
    assert.equal(e.failedGroups, 0);
    assert.equal(e.loss, ((2 * i + 1) / 10 + (2 * i + 2) / 10) / 2);
    assert.equal(e.kl, 0.01);
    assert.equal(e.seconds, 0.25);
  }
  const state = JSON.parse(await Deno.readTextFile(records.path("state"))) as RunState;
  const zero = rollouts.filter((r) => new Set(r.rewards as number[]).size === 1).length;
  assert.deepEqual(state, {
    version: 1,
    completedStep: 3,
    best: { score: 1 / 3, step: 0 },
    job: {
      dialect: "2025.11",
      jobId: "grpo-fake-1",
      chatModel: "arbor:grpo-fake-1",
      resumeCheckpoint: null,
      bestCheckpoint: null,
    },
    groups: { total: 6, zeroVariance: zero },
    lastValidationScore: 1 / 3,
  });
});

function questionOf(group: { items: { messages: { content: string }[] }[] }): string {
  const user = group.items[0]!.messages.at(-1)!.content;
  return user.slice(user.lastIndexOf("Question: ") + "Question: ".length);
}

Deno.test("runGrpoLoop() on a 2025.06 backend follows the chat model the trainer reports after each group", async () => {
  using fixture = loopFixture();
  const records = await tempRecords();
  const backend = createFakeBackend({ dialect: "2025.06", model: "Qwen/Qwen3-0.6B" });
  const lm = createFakeLm(loopResponder(fixture));
  const result = await runGrpoLoop(
    loopConfig({ numTrainSteps: 2, numStepsForVal: 2 }),
    loopContext(fixture, { backend, lm, records }),
  );
  const rolloutModels = lm.calls.filter((c) => c.options.seed !== undefined).map((c) => c.model);
  // Step 1 samples from the base model; step 2 from the output of step 1's last group.
  assert.deepEqual(rolloutModels, [
    "arbor:Qwen/Qwen3-0.6B",
    "arbor:Qwen/Qwen3-0.6B",
    "arbor:/out/grpo_2",
    "arbor:/out/grpo_2",
  ]);
  const validationModels = lm.calls.filter((c) => c.options.seed === undefined).map((c) => c.model);
  assert.deepEqual(
    new Set(validationModels),
    new Set(["arbor:Qwen/Qwen3-0.6B", "arbor:/out/grpo_4"]),
  );
  assert.equal(result.state.job.dialect, "2025.06");
  assert.equal(result.state.job.jobId, null);
  assert.equal(result.state.job.chatModel, "arbor:/out/grpo_4");
  const rollouts = await readJsonl(records.path("rollouts"));
  assert.ok(rollouts.every((r) => r.batchId === null));
  assert.equal(backend.terminated, 0, "the caller, not the loop, terminates the backend");
});
