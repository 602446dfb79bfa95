/**
 * `deno task train --resume`: a run killed with SIGKILL continues from its last completed step
 * and, on the seeded embedded backend, ends with the same weights as an uninterrupted run; bad
 * uses of `--run-dir` / `--resume` fail with a clear message.
 *
 * @module
 */

import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import type { RunState } from "../mod.ts";
import {
  isStackLine,
  MINI_LOCOMO,
  readJsonl,
  type RunPaths,
  runTrainCli,
  spawnTrainCli,
  tempRun,
  writeMiniSplits,
} from "./train_cli_helpers.ts";

const STEPS = 60;
const FLAGS = [
  "--backend",
  "embedded",
  "--input",
  MINI_LOCOMO,
  "--num-train-steps",
  String(STEPS),
  "--num-steps-for-val",
  "7",
  "--examples-per-step",
  "2",
  "--seed",
  "7",
];

async function readState(runDir: string): Promise<RunState | null> {
  try {
    return JSON.parse(await Deno.readTextFile(join(runDir, "state.json")));
  } catch {
    return null;
  }
}

/** Copies the files of `from` into `to` (created or replaced). */
async function copyFlatDir(from: string, to: string): Promise<void> {
  await Deno.remove(to, { recursive: true }).catch(() => {});
  await Deno.mkdir(to, { recursive: true });
  for await (const entry of Deno.readDir(from)) {
    if (entry.isFile) await Deno.copyFile(join(from, entry.name), join(to, entry.name));
  }
}

/** The weights and step counter of the run's `model_checkpoint_last`. */
async function lastWeights(runDir: string): Promise<{ weights: unknown; globalStep: unknown }> {
  const state = await readState(runDir);
  assert.ok(state?.job.resumeCheckpoint, "state.json names model_checkpoint_last");
  assert.match(
    state.job.resumeCheckpoint,
    /model_checkpoint_last$/,
    "the last step saved model_checkpoint_last",
  );
  const policy = JSON.parse(
    await Deno.readTextFile(join(state.job.resumeCheckpoint, "policy.json")),
  );
  return { weights: policy.weights, globalStep: policy.globalStep };
}

/** An uninterrupted run of {@link FLAGS}, made once and shared by the resume tests. */
let reference: Promise<{ weights: unknown; events: Record<string, unknown>[] }> | undefined;
function uninterruptedRun(): Promise<{ weights: unknown; events: Record<string, unknown>[] }> {
  reference ??= (async () => {
    const paths = await tempRun();
    try {
      await writeMiniSplits(paths.dataDir);
      const result = await runTrainCli([...FLAGS, ...paths.args], { cwd: paths.root });
      assert.equal(result.code, 0, result.stderr);
      return {
        weights: await lastWeights(paths.runDir),
        events: await readJsonl(join(paths.runDir, "metrics.jsonl")),
      };
    } finally {
      await Deno.remove(paths.root, { recursive: true });
    }
  })();
  return reference;
}

/** Starts a run of {@link FLAGS} and SIGKILLs it once state.json shows step ≥ 2; returns it. */
async function killedRun(paths: RunPaths): Promise<number> {
  await writeMiniSplits(paths.dataDir);
  const child = spawnTrainCli([...FLAGS, ...paths.args], { cwd: paths.root });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && ((await readState(paths.runDir))?.completedStep ?? 0) < 2) {
    await new Promise((r) => setTimeout(r, 2));
  }
  child.kill("SIGKILL");
  const status = await child.status;
  assert.equal(status.signal, "SIGKILL", "the run was still going when killed");
  const atKill = (await readState(paths.runDir))!.completedStep;
  assert.ok(atKill >= 2 && atKill < STEPS, `killed after step ${atKill} of ${STEPS}`);
  return atKill;
}

/** Copies every checkpoint folder of `fromJob` whose metadata says `step` into `toJob`. */
async function copyStepCheckpoints(fromJob: string, toJob: string, step: number): Promise<number> {
  let copied = 0;
  for await (const entry of Deno.readDir(fromJob)) {
    const from = join(fromJob, entry.name);
    const meta = JSON.parse(await Deno.readTextFile(join(from, "metadata.json")));
    if (meta.metadata?.step !== step) continue;
    await copyFlatDir(from, join(toJob, entry.name));
    copied += 1;
  }
  return copied;
}

Deno.test("train CLI --resume after kill -9 ends with the weights of an uninterrupted run", async () => {
  const paths = await tempRun();
  try {
    const atKill = await killedRun(paths);
    const resumed = await runTrainCli(["--resume", paths.runDir], { cwd: paths.root });
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stdout, new RegExp(`Resuming .* after step ${atKill}`));

    const whole = await uninterruptedRun();
    assert.deepEqual(await lastWeights(paths.runDir), whole.weights);
    const events = await readJsonl(join(paths.runDir, "metrics.jsonl"));
    const steps = events.filter((e) => e.type === "step").map((e) => e.step);
    assert.deepEqual(steps, Array.from({ length: STEPS }, (_, i) => i + 1));
    const validations = (list: Record<string, unknown>[]) =>
      list.filter((e) => e.type === "validation").map((e) => [e.step, e.score]);
    assert.deepEqual(validations(events), validations(whole.events));
    const groups = await readJsonl(join(paths.runDir, "rollouts.jsonl"));
    assert.equal(groups.length, STEPS * 2);
  } finally {
    await Deno.remove(paths.root, { recursive: true });
  }
});

Deno.test("train CLI --resume after a kill between a step's checkpoint and state.json", async () => {
  // What a kill right after step s + 1 saved its checkpoint(s) leaves: those folders in the
  // job's checkpoint folder, state.json still at step s. Built from a run killed at step s: a
  // resume runs step s + 1 only (in a new job), its step-(s + 1) checkpoints are copied into the
  // first job's folder under their names, and state.json and the step count are put back.
  const paths = await tempRun();
  try {
    const s = await killedRun(paths);
    const configPath = join(paths.runDir, "config.json");
    const statePath = join(paths.runDir, "state.json");
    const stateAtS = await Deno.readTextFile(statePath);
    const config = JSON.parse(await Deno.readTextFile(configPath));
    // A typed --num-train-steps is applied on resume (and recorded for the next one).
    const oneMore = await runTrainCli(
      ["--resume", paths.runDir, "--num-train-steps", String(s + 1)],
      { cwd: paths.root },
    );
    assert.equal(oneMore.code, 0, oneMore.stderr);
    assert.match(
      oneMore.stdout,
      new RegExp(`Applying --num-train-steps ${s + 1} \\(the run had ${STEPS}\\)`),
    );
    assert.equal(JSON.parse(await Deno.readTextFile(configPath)).numTrainSteps, s + 1);
    const newJob = dirname((await readState(paths.runDir))!.job.resumeCheckpoint!);
    const firstJob = dirname((JSON.parse(stateAtS) as RunState).job.resumeCheckpoint!);
    assert.notEqual(newJob, firstJob);
    assert.ok(await copyStepCheckpoints(newJob, firstJob, s + 1) >= 1);
    await Deno.writeTextFile(statePath, stateAtS);
    await Deno.writeTextFile(configPath, JSON.stringify(config));

    const resumed = await runTrainCli(["--resume", paths.runDir], { cwd: paths.root });
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.deepEqual(await lastWeights(paths.runDir), (await uninterruptedRun()).weights);
    const steps = (await readJsonl(join(paths.runDir, "metrics.jsonl")))
      .filter((e) => e.type === "step").map((e) => e.step);
    assert.deepEqual(steps, Array.from({ length: STEPS }, (_, i) => i + 1));
  } finally {
    await Deno.remove(paths.root, { recursive: true });
  }
});

Deno.test("train CLI --resume of a folder without state.json fails with a clear message", async () => {
  const paths = await tempRun();
  try {
    const empty = join(paths.root, "not_a_run");
    await Deno.mkdir(empty);
    const result = await runTrainCli(["--resume", empty], { cwd: paths.root });
    assert.notEqual(result.code, 0);
    const lines = result.stderr.trim().split("\n");
    assert.equal(lines.length, 1, result.stderr);
    assert.equal(isStackLine(lines[0]!), false);
    assert.match(lines[0]!, /cannot resume/);
    assert.ok(lines[0]!.includes(empty), lines.join("\n"));
    assert.match(lines[0]!, /state\.json/);
  } finally {
    await Deno.remove(paths.root, { recursive: true });
  }
});

Deno.test("train CLI refuses a --run-dir that holds a run and suggests --resume", async () => {
  const paths = await tempRun();
  try {
    await writeMiniSplits(paths.dataDir);
    const flags = [...FLAGS.slice(0, 4), "--num-train-steps", "1", ...paths.args];
    const first = await runTrainCli(flags, { cwd: paths.root });
    assert.equal(first.code, 0, first.stderr);
    const metrics = await Deno.readTextFile(join(paths.runDir, "metrics.jsonl"));

    const second = await runTrainCli(flags, { cwd: paths.root });
    assert.notEqual(second.code, 0);
    const lines = second.stderr.trim().split("\n");
    assert.equal(lines.length, 1, second.stderr);
    assert.ok(lines[0]!.includes(`--resume ${paths.runDir}`), lines.join("\n"));
    // The existing run is left as it was.
    assert.equal(await Deno.readTextFile(join(paths.runDir, "metrics.jsonl")), metrics);
  } finally {
    await Deno.remove(paths.root, { recursive: true });
  }
});
