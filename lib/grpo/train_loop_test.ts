import assert from "node:assert/strict";
import {
  createFakeBackend,
  createFakeLm,
  hashedAnswer,
  loopConfig,
  loopContext,
  loopFixture,
  loopResponder,
  ROLLOUT_ANSWERS,
  tempRecords,
} from "./loop_test_utils.ts";
import type { RunEvent } from "./run_records.ts";
import { GrpoStepError } from "./step_error.ts";
import { stepBatch } from "./stratified_sample.ts";
import { runGrpoLoop, type TrainProgress } from "./train_loop.ts";

async function readJsonl(path: string): Promise<RunEvent[]> {
  const text = await Deno.readTextFile(path);
  return text.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l));
}

Deno.test("runGrpoLoop() takes each step's examples from stepBatch(seed, step), a full epoch before repeating", async () => {
  using fixture = loopFixture();
  const records = await tempRecords();
  const backend = createFakeBackend();
  const lm = createFakeLm(loopResponder(fixture));
  const config = loopConfig({ numTrainSteps: 6, examplesPerStep: 2, seed: 11 });
  await runGrpoLoop(config, loopContext(fixture, { backend, lm, records }));

  const rollouts = await readJsonl(records.path("rollouts"));
  for (let step = 1; step <= 6; step++) {
    const expected = stepBatch(fixture.train, step, {
      k: 2,
      key: (e) => e.category,
      seed: 11,
    }).map((e) => e.id);
    assert.deepEqual(rollouts.filter((r) => r.step === step).map((r) => r.exampleId), expected);
  }
  // The first 5 steps (10 examples) are one epoch: every training example exactly once.
  const epoch = rollouts.filter((r) => r.step <= 5).map((r) => r.exampleId as string);
  assert.deepEqual([...epoch].sort(), fixture.train.map((e) => e.id).sort());
  // The submitted groups are those examples' prompts, in the same order.
  const questions = backend.submitted.map((g) => g.items[0]!.messages.at(-1)!.content);
  const byId = new Map(fixture.train.map((e) => [e.id, e.question]));
  assert.deepEqual(questions.length, 12);
  questions.forEach((q, i) => assert.ok(q.endsWith(byId.get(rollouts[i]!.exampleId as string)!)));

  // Another seed gives another order.
  const other = stepBatch(fixture.train, 1, { k: 10, key: (e) => e.category, seed: 12 });
  assert.ok(other.map((e) => e.id).join() !== epoch.join());
});

Deno.test("runGrpoLoop() sends groups of exactly G items from one n=G call with a per-group seed", async () => {
  using fixture = loopFixture();
  const backend = createFakeBackend();
  const lm = createFakeLm(loopResponder(fixture));
  const config = loopConfig({ numTrainSteps: 2, numGenerations: 4, seed: 3 });
  await runGrpoLoop(config, loopContext(fixture, { backend, lm, records: await tempRecords() }));

  assert.deepEqual(backend.submitted.length, 4);
  for (const group of backend.submitted) assert.deepEqual(group.items.length, 4);
  const rolloutCalls = lm.calls.filter((c) => c.options.seed !== undefined);
  assert.deepEqual(rolloutCalls.map((c) => c.options.n), [4, 4, 4, 4]);
  assert.deepEqual(
    rolloutCalls.map((c) => c.options.seed),
    [1, 2].flatMap((step) => [0, 1].map((i) => (3 * 7919 + step * 1009 + i * 101) % 2_147_483_647)),
  );
  assert.ok(rolloutCalls.every((c) => c.options.temperature === 1));
  // Items carry the completion and its reward.
  const first = backend.submitted[0]!.items;
  assert.deepEqual(
    first.map((it) => it.completion.content),
    [0, 1, 2, 3].map((i) => hashedAnswer(rolloutCalls[0]!, i, ROLLOUT_ANSWERS)),
  );
  assert.deepEqual(first.map((it) => it.reward), first.map((it) => Number(it.completion.content)));
});

Deno.test("runGrpoLoop() tops a group up with single seeded calls when the LM returns fewer choices, and trims extra ones", async () => {
  using fixture = loopFixture();
  const backend = createFakeBackend();
  let calls = 0;
  const lm = createFakeLm(loopResponder(fixture, {
    // The first group's call returns 1 choice (then 1 per top-up); the second's returns 6.
    rollout: (
      call,
    ) => (calls++ === 0 || call.options.n === 1 ? ["1"] : ["0", "1", "0", "1", "0", "1"]),
  }));
  const config = loopConfig({ numTrainSteps: 1, numGenerations: 4, examplesPerStep: 2 });
  await runGrpoLoop(config, loopContext(fixture, { backend, lm, records: await tempRecords() }));

  assert.deepEqual(backend.submitted.map((g) => g.items.length), [4, 4]);
  const rollouts = lm.calls.filter((c) => c.options.seed !== undefined);
  const firstQuestion = rollouts[0]!.question;
  const firstGroup = rollouts.filter((c) => c.question === firstQuestion);
  assert.deepEqual(firstGroup.map((c) => c.options.n), [4, 1, 1, 1]);
  const seed = firstGroup[0]!.options.seed!;
  assert.deepEqual(firstGroup.map((c) => c.options.seed), [seed, seed + 1, seed + 2, seed + 3]);
  assert.deepEqual(rollouts.filter((c) => c.question !== firstQuestion).length, 1);
});

Deno.test("runGrpoLoop() drops a group whose rollout fails, records the redacted failure and trains on the rest", async () => {
  using fixture = loopFixture();
  const records = await tempRecords();
  const backend = createFakeBackend();
  let failed = "";
  const lm = createFakeLm(loopResponder(fixture, {
    rollout: (call) => {
      if (failed === "" || failed === call.question) {
        failed = call.question;
        throw new Error("upstream said no to sk-SECRET-1");
      }
      return ["0", "1", "0", "1"];
    },
  }));
  const config = loopConfig({ numTrainSteps: 1, examplesPerStep: 2 });
  await runGrpoLoop(
    config,
    loopContext(fixture, { backend, lm, records }, { secrets: ["sk-SECRET-1"] }),
  );

  assert.deepEqual(backend.submitted.length, 1);
  assert.deepEqual(backend.submitted[0]!.items.length, 4);
  const step = (await records.events()).find((e) => e.type === "step")!;
  assert.deepEqual(step.groups, 1);
  assert.deepEqual(step.failedGroups, 1);
  assert.ok(String(step.firstFailure).includes("upstream said no"));
  assert.ok(!String(step.firstFailure).includes("sk-SECRET-1"));
  assert.deepEqual((await readJsonl(records.path("rollouts"))).length, 1);
});

Deno.test("runGrpoLoop() never sends a group of fewer than G items: an LM that keeps returning none fails the group", async () => {
  using fixture = loopFixture();
  const records = await tempRecords();
  const backend = createFakeBackend();
  let short = "";
  const lm = createFakeLm(loopResponder(fixture, {
    rollout: (call) => {
      if (short === "") short = call.question;
      return call.question === short ? [] : ["0", "1", "0", "1"];
    },
  }));
  await runGrpoLoop(
    loopConfig({ numTrainSteps: 1 }),
    loopContext(fixture, { backend, lm, records }),
  );
  assert.deepEqual(backend.submitted.map((g) => g.items.length), [4]);
  const step = (await records.events()).find((e) => e.type === "step")!;
  assert.deepEqual([step.groups, step.failedGroups], [1, 1]);
  assert.ok(String(step.firstFailure).includes("0 of 4"), String(step.firstFailure));
});

Deno.test("runGrpoLoop() stops with GrpoStepError when every group of a step fails, leaving the step unrecorded", async () => {
  using fixture = loopFixture();
  const records = await tempRecords();
  const backend = createFakeBackend();
  let rolloutCalls = 0;
  const lm = createFakeLm(loopResponder(fixture, {
    rollout: () => {
      // Step 1 (2 groups, 1 call each) works; every call of step 2 fails.
      if (++rolloutCalls > 2) throw new Error("policy server down");
      return ["0", "1", "0", "1"];
    },
  }));
  const error = await runGrpoLoop(loopConfig(), loopContext(fixture, { backend, lm, records }))
    .then(() => assert.fail("the loop should have thrown"), (e: unknown) => e);
  assert.ok(error instanceof GrpoStepError, String(error));
  assert.deepEqual([error.step, error.failedGroups], [2, 2]);
  assert.ok(error.message.includes("policy server down"));
  assert.deepEqual(backend.submitted.length, 2);
  const state = JSON.parse(await Deno.readTextFile(records.path("state")));
  assert.deepEqual(state.completedStep, 1);
  assert.deepEqual((await records.events()).filter((e) => e.step === 2), []);
});

Deno.test("runGrpoLoop() counts zero-variance groups in the step event, state and progress, and still sends them", async () => {
  using fixture = loopFixture();
  const records = await tempRecords();
  const backend = createFakeBackend();
  let zeroQuestion = "";
  const lm = createFakeLm(loopResponder(fixture, {
    rollout: (call) => {
      if (zeroQuestion === "") zeroQuestion = call.question;
      return call.question === zeroQuestion ? ["1", "1", "1", "1"] : ["0", "1", "0.5", "1"];
    },
  }));
  const progress: TrainProgress[] = [];
  const result = await runGrpoLoop(
    loopConfig({ numTrainSteps: 2, examplesPerStep: 2, seed: 5 }),
    loopContext(fixture, { backend, lm, records }, { onProgress: (p) => progress.push(p) }),
  );

  // The zero-variance question's group is sent each time it is drawn (with all-1 rewards).
  assert.deepEqual(backend.submitted.length, 4);
  const zeroGroups = backend.submitted.filter((g) =>
    g.items[0]!.messages.at(-1)!.content.endsWith(zeroQuestion)
  );
  assert.deepEqual(zeroGroups.length, 1);
  assert.deepEqual(zeroGroups[0]!.items.map((it) => it.reward), [1, 1, 1, 1]);
  const steps = (await records.events()).filter((e) => e.type === "step");
  assert.deepEqual(steps.map((e) => e.zeroVarianceGroups), [1, 0]);
  assert.deepEqual(steps.map((e) => e.zeroVarianceShare), [0.5, 0]);
  assert.deepEqual(result.state.groups, { total: 4, zeroVariance: 1 });
  assert.deepEqual(progress.map((p) => p.zeroVarianceShare), [0.5, 0.25]);
  const rollouts = await readJsonl(records.path("rollouts"));
  const zeroRecord = rollouts.find((r) => (r.rewards as number[]).every((x) => x === 1))!;
  assert.deepEqual(zeroRecord.advantages, [0, 0, 0, 0]);
});

Deno.test("runGrpoLoop() validates at step 0, every numStepsForVal steps and after the last step", async () => {
  using fixture = loopFixture();
  for (
    const [steps, every, expected] of [
      [5, 2, [0, 2, 4, 5]],
      [6, 3, [0, 3, 6]],
      [2, 5, [0, 2]],
    ] as const
  ) {
    const records = await tempRecords();
    const lm = createFakeLm(loopResponder(fixture));
    const seen: number[] = [];
    const result = await runGrpoLoop(
      loopConfig({ numTrainSteps: steps, numStepsForVal: every }),
      loopContext(fixture, { backend: createFakeBackend(), lm, records }, {
        onValidation: (step) => seen.push(step),
      }),
    );
    assert.deepEqual(seen, [...expected]);
    assert.deepEqual(result.validations.map((v) => v.step), [...expected]);
    const events = (await records.events()).filter((e) => e.type === "validation");
    assert.deepEqual(events.map((e) => e.step), [...expected]);
    assert.deepEqual(events.map((e) => e.count), expected.map(() => fixture.val.length));
    // Validation answers greedily, one call per validation question.
    const greedy = lm.calls.filter((c) => c.options.seed === undefined);
    assert.deepEqual(greedy.length, expected.length * fixture.val.length);
    assert.ok(greedy.every((c) => c.options.temperature === 0 && c.options.n === 1));
  }
});

Deno.test("runGrpoLoop() awaits what onProgress and onValidation return before going on", async () => {
  using fixture = loopFixture();
  const records = await tempRecords();
  const order: string[] = [];
  const later = (label: string) =>
    new Promise<void>((resolve) =>
      setTimeout(() => {
        order.push(label);
        resolve();
      }, 5)
    );
  await runGrpoLoop(
    loopConfig({ numTrainSteps: 2, numStepsForVal: 2 }),
    loopContext(fixture, {
      backend: createFakeBackend(),
      lm: createFakeLm(loopResponder(fixture)),
      records,
    }, {
      onValidation: (step) => {
        order.push(`validation ${step}`);
        return later(`validation ${step} drawn`);
      },
      onProgress: (p) => {
        order.push(`step ${p.step}`);
        return later(`step ${p.step} drawn`);
      },
    }),
  );
  assert.deepEqual(order, [
    "validation 0",
    "validation 0 drawn",
    "step 1",
    "step 1 drawn",
    "validation 2",
    "validation 2 drawn",
    "step 2",
    "step 2 drawn",
  ]);
});
