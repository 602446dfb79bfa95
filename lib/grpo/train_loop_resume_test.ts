import assert from "node:assert/strict";
import {
  createFakeBackend,
  createFakeLm,
  type FakeBackend,
  FakeBackendError,
  type FakeLmPool,
  loopConfig,
  loopContext,
  type LoopFixture,
  loopFixture,
  loopResponder,
  tempRecords,
} from "./loop_test_utils.ts";
import { RunRecords, type RunState } from "./run_records.ts";
import { type GrpoLoopContext, runGrpoLoop } from "./train_loop.ts";

const CONFIG = loopConfig({ numTrainSteps: 4, numStepsForVal: 2, checkpointEveryStep: true });

/** Validation passes score 1/3, 2/3, 0 (steps 0, 2, 4). */
function lmOf(fixture: LoopFixture): FakeLmPool {
  return createFakeLm(loopResponder(fixture, { validationCorrect: (p) => [1, 2, 0][p]! }));
}

async function runFiles(records: RunRecords) {
  return {
    metrics: await Deno.readTextFile(records.path("metrics")),
    rollouts: await Deno.readTextFile(records.path("rollouts")),
    state: await Deno.readTextFile(records.path("state")),
  };
}

function sentOf(backend: FakeBackend) {
  return backend.submitted.map((g) => ({ items: g.items, metrics: g.metrics }));
}

async function uninterrupted(fixture: LoopFixture) {
  const records = await tempRecords();
  const backend = createFakeBackend();
  await runGrpoLoop(CONFIG, loopContext(fixture, { backend, lm: lmOf(fixture), records }));
  return { files: await runFiles(records), sent: sentOf(backend), backend };
}

Deno.test("runGrpoLoop() stopped after any step k and resumed gives the same groups and records as an uninterrupted run", async () => {
  using fixture = loopFixture();
  const whole = await uninterrupted(fixture);
  for (let k = 0; k < CONFIG.numTrainSteps; k++) {
    const records = await tempRecords();
    const backend = createFakeBackend();
    const lm = lmOf(fixture);
    const stop = new AbortController();
    const first = await runGrpoLoop(
      CONFIG,
      loopContext(fixture, { backend, lm, records }, {
        signal: stop.signal,
        onValidation: (step) => step === 0 && k === 0 && stop.abort(),
        onProgress: (p) => p.step === k && stop.abort(),
      }),
    );
    assert.equal(first.interrupted, true);
    assert.equal(first.state.completedStep, k, `k=${k}`);
    assert.equal(backend.submitted.length, k * CONFIG.examplesPerStep);

    const resumed = await RunRecords.resume(records.dir);
    assert.deepEqual(resumed.state, first.state);
    const second = await runGrpoLoop(
      CONFIG,
      loopContext(fixture, { backend, lm, records: resumed.records }, {
        resumeFrom: resumed.state,
      }),
    );
    assert.equal(second.interrupted, false);
    assert.deepEqual(sentOf(backend), whole.sent, `k=${k}`);
    assert.deepEqual(backend.checkpoints, whole.backend.checkpoints, `k=${k}`);
    assert.deepEqual(await runFiles(records), whole.files, `k=${k}`);
  }
});

Deno.test("runGrpoLoop() resumed after a crash mid-step (trainer or checkpoint failure) redoes that step and ends with the uninterrupted records", async () => {
  using fixture = loopFixture();
  const whole = await uninterrupted(fixture);
  for (
    const [failure, completed] of [
      // Step 2's second group: nothing of step 2 is recorded yet.
      [{ failAtSubmission: 4 }, 1],
      // Step 1's resume checkpoint: step 1's groups and step event are written, not state.json.
      [{ failAtCheckpoint: 1 }, 0],
    ] as const
  ) {
    const records = await tempRecords();
    const lm = lmOf(fixture);
    const error = await runGrpoLoop(
      CONFIG,
      loopContext(fixture, { backend: createFakeBackend(failure), lm, records }),
    ).then(() => assert.fail("should fail"), (e: unknown) => e);
    assert.ok(error instanceof FakeBackendError);
    const resumed = await RunRecords.resume(records.dir);
    assert.equal(resumed.state.completedStep, completed);
    // A new job (its batch ids continue the old counter, as the records' ids would show).
    const backend = createFakeBackend({ firstBatchId: completed * 2 });
    await runGrpoLoop(
      CONFIG,
      loopContext(fixture, { backend, lm, records: resumed.records }, {
        resumeFrom: resumed.state,
      }),
    );
    assert.deepEqual(sentOf(backend), whole.sent.slice(completed * 2), JSON.stringify(failure));
    assert.deepEqual(await runFiles(records), whole.files, JSON.stringify(failure));
  }
});

function abortingContext(
  fixture: LoopFixture,
  parts: { backend: FakeBackend; lm: FakeLmPool; records: RunRecords },
  stop: AbortController,
  overrides: Partial<GrpoLoopContext> = {},
): GrpoLoopContext {
  return loopContext(fixture, parts, { signal: stop.signal, ...overrides });
}

Deno.test("runGrpoLoop() on Ctrl-C during a step's rollouts drops the step: nothing of it is sent or recorded", async () => {
  using fixture = loopFixture();
  const records = await tempRecords();
  const backend = createFakeBackend();
  const stop = new AbortController();
  let rolloutCalls = 0;
  const lm = createFakeLm(loopResponder(fixture, {
    rollout: (call) => {
      if (++rolloutCalls === 3) stop.abort(); // the first call of step 2
      return Array.from({ length: call.options.n ?? 1 }, (_, i) => String(i % 2));
    },
  }));
  const result = await runGrpoLoop(
    CONFIG,
    abortingContext(fixture, { backend, lm, records }, stop),
  );
  assert.equal(result.interrupted, true);
  assert.equal(result.state.completedStep, 1);
  assert.equal(backend.submitted.length, 2);
  const state = JSON.parse(await Deno.readTextFile(records.path("state"))) as RunState;
  assert.equal(state.completedStep, 1);
  assert.deepEqual((await records.events()).filter((e) => e.step > 1), []);
  assert.equal(rolloutCalls, 3, "the call after the abort never reached the LM; no step 3");
});

Deno.test("runGrpoLoop() on Ctrl-C while a step's groups are sent completes that step when it needs no validation, then stops", async () => {
  using fixture = loopFixture();
  const records = await tempRecords();
  const stop = new AbortController();
  // Submission 3 is step 2's first group; step 2 is no validation step with numStepsForVal 3.
  const backend = createFakeBackend({ onSubmit: (n) => void (n === 3 && stop.abort()) });
  const result = await runGrpoLoop(
    { ...CONFIG, numStepsForVal: 3 },
    abortingContext(fixture, { backend, lm: lmOf(fixture), records }, stop),
  );
  assert.equal(result.interrupted, true);
  assert.equal(result.state.completedStep, 2);
  assert.equal(backend.submitted.length, 4);
  const state = JSON.parse(await Deno.readTextFile(records.path("state"))) as RunState;
  assert.deepEqual(state, result.state);
  assert.deepEqual((await records.events()).filter((e) => e.step > 2), []);
});

Deno.test("runGrpoLoop() on Ctrl-C before a step's validation drops the step; resume discards its records", async () => {
  using fixture = loopFixture();
  const records = await tempRecords();
  const stop = new AbortController();
  const backend = createFakeBackend({ onSubmit: (n) => void (n === 3 && stop.abort()) });
  const result = await runGrpoLoop(
    CONFIG, // step 2 validates
    abortingContext(fixture, { backend, lm: lmOf(fixture), records }, stop),
  );
  assert.equal(result.interrupted, true);
  assert.equal(result.state.completedStep, 1);
  assert.equal(backend.submitted.length, 4, "step 2's groups were already with the trainer");
  assert.deepEqual(backend.checkpoints.map((c) => c.name), ["resume_checkpoint_1"]);
  const state = JSON.parse(await Deno.readTextFile(records.path("state"))) as RunState;
  assert.equal(state.completedStep, 1);
  const resumed = await RunRecords.resume(records.dir);
  assert.deepEqual((await resumed.records.events()).filter((e) => e.step > 1), []);
});

Deno.test("runGrpoLoop() on Ctrl-C during the first validation resolves interrupted with no step and no state.json", async () => {
  using fixture = loopFixture();
  const records = await tempRecords();
  const stop = new AbortController();
  const lm = createFakeLm((call) => {
    stop.abort();
    return [call.question];
  });
  const backend = createFakeBackend();
  const result = await runGrpoLoop(
    CONFIG,
    abortingContext(fixture, { backend, lm, records }, stop),
  );
  assert.equal(result.interrupted, true);
  assert.equal(result.state.completedStep, 0);
  assert.equal(result.state.best, null);
  assert.deepEqual(result.validations, []);
  assert.equal(backend.submitted.length, 0);
  await assert.rejects(() => Deno.stat(records.path("state")), Deno.errors.NotFound);
});

Deno.test("runGrpoLoop() rethrows a failure that is not a Ctrl-C", async () => {
  using fixture = loopFixture();
  const stop = new AbortController();
  const backend = createFakeBackend({ failAtSubmission: 1 });
  const records = await tempRecords();
  await assert.rejects(
    () =>
      runGrpoLoop(CONFIG, abortingContext(fixture, { backend, lm: lmOf(fixture), records }, stop)),
    FakeBackendError,
  );
});
