/**
 * `deno task train --backend embedded`: many steps offline, the summary, and the saved program
 * that records its checkpoint and run.
 *
 * @module
 */

import assert from "node:assert/strict";
import { isAbsolute, join, resolve } from "node:path";
import { loadProgram, type RunState } from "../mod.ts";
import { checkpointOf } from "../lib/program/saved_program.ts";
import {
  MINI_LOCOMO,
  readJsonl,
  runTrainCli,
  tempRun,
  writeMiniSplits,
} from "./train_cli_helpers.ts";

const LOCOMO_PATH = Deno.env.get("LOCOMO_PATH");
const STEPS = 20;

/** Runs `STEPS` embedded steps and checks the summary, records and saved program. */
async function checkEmbeddedRun(
  dataArgs: string[],
  prepare: (dataDir: string) => Promise<unknown>,
  env: Record<string, string> = {},
): Promise<{ bestCheckpoint: string | null }> {
  const paths = await tempRun();
  try {
    await prepare(paths.dataDir);
    const result = await runTrainCli([
      "--backend",
      "embedded",
      ...dataArgs,
      ...paths.args,
      "--num-train-steps",
      String(STEPS),
      "--num-steps-for-val",
      "5",
      "--examples-per-step",
      "2",
    ], { cwd: paths.root, env });
    assert.equal(result.code, 0, result.stderr);

    const summary = JSON.parse(await Deno.readTextFile(join(paths.runDir, "summary.json")));
    assert.equal(summary.completedSteps, STEPS);
    assert.equal(summary.interrupted, false);
    assert.deepEqual(summary.validations.map((v: { step: number }) => v.step), [0, 5, 10, 15, 20]);
    const stepEvents = (await readJsonl(join(paths.runDir, "metrics.jsonl")))
      .filter((e) => e.type === "step");
    const steps = stepEvents.map((e) => e.step);
    assert.deepEqual(steps, Array.from({ length: STEPS }, (_, i) => i + 1));
    // The trainer's figures came over HTTP from the embedded server's metrics route.
    for (const event of stepEvents) {
      for (const key of ["loss", "kl", "gradNorm"]) {
        assert.equal(typeof event[key], "number", `${key} of step ${event.step}`);
      }
    }

    const state = JSON.parse(
      await Deno.readTextFile(join(paths.runDir, "state.json")),
    ) as RunState;
    const saved = await loadProgram(paths.programOut);
    assert.equal(saved.provenance.backend, "embedded");
    // What was trained: the embedded extractive policy, not the --model it ignores.
    assert.equal(saved.provenance.model, "memgrpo-embedded");
    assert.equal(saved.provenance.policy, "embedded-extractive");
    assert.equal(saved.provenance.run, paths.runDir);
    assert.equal(saved.provenance.validationScore, summary.best.score);
    const checkpoint = await checkpointOf(paths.programOut, saved);
    assert.equal(checkpoint, summary.bestCheckpoint && resolve(summary.bestCheckpoint));
    assert.equal(checkpoint, state.job.bestCheckpoint && resolve(state.job.bestCheckpoint));
    if (checkpoint !== null) {
      assert.ok(!isAbsolute(saved.provenance.checkpoint!), "stored relative to the program");
      const policy = await Deno.stat(join(checkpoint, "policy.json"));
      assert.ok(policy.isFile);
      assert.ok(checkpoint.startsWith(resolve(paths.outputDir)));
    }
    // The run keeps its own copy, which later runs writing --program-out never touch.
    const own = join(paths.runDir, "program.json");
    const ownSaved = await loadProgram(own);
    assert.deepEqual(ownSaved.program, saved.program);
    assert.equal(await checkpointOf(own, ownSaved), checkpoint);
    return { bestCheckpoint: saved.provenance.checkpoint };
  } finally {
    await Deno.remove(paths.root, { recursive: true });
  }
}

Deno.test("train CLI runs many embedded steps on the sample data and saves a loadable program", async () => {
  await checkEmbeddedRun(["--input", MINI_LOCOMO], writeMiniSplits);
});

Deno.test({
  name: "train CLI on LOCOMO saves the program with the best checkpoint it reached",
  ignore: LOCOMO_PATH === undefined,
  async fn() {
    const { bestCheckpoint } = await checkEmbeddedRun(
      ["--num-train", "60", "--num-val", "20"],
      () => Promise.resolve(),
      { LOCOMO_PATH: resolve(LOCOMO_PATH!) },
    );
    // On LOCOMO the embedded policy improves on its step-0 validation within 20 steps.
    assert.match(bestCheckpoint ?? "", /model_checkpoint_best$/);
  },
});
