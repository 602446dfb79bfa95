/**
 * Loud and honest train runs, as a user runs them (a subprocess, stdout piped): the judge's key
 * checked at the edge, a failing reward stopping the run with its cause, progress lines when
 * stdout is not a terminal, and `--mode evaluate` scoring the program where it was trained.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { loadProgram } from "../lib/program/saved_program.ts";
import { replies, startOpenAiTestServer } from "./openai_test_server.ts";
import {
  closedPort,
  MINI_LOCOMO,
  readJsonl,
  runTrainCli,
  tempRun,
  writeMiniSplits,
} from "./train_cli_helpers.ts";

async function inTemp(fn: (root: string) => Promise<void>): Promise<void> {
  const paths = await tempRun("train_cli_loud_");
  try {
    await writeMiniSplits(join(paths.root, "data"));
    await fn(paths.root);
  } finally {
    await Deno.remove(paths.root, { recursive: true });
  }
}

const ENV = { LOCOMO_PATH: MINI_LOCOMO };

Deno.test("train --judge llm without a key fails at the edge naming JUDGE_API_KEY/OPENAI_API_KEY", async () => {
  await inTemp(async (root) => {
    const started = performance.now();
    const result = await runTrainCli(["--backend", "embedded", "--judge", "llm"], {
      cwd: root,
      env: ENV,
    });
    assert.equal(result.code, 2, result.stderr);
    assert.ok(performance.now() - started < 5_000);
    assert.match(
      result.stderr,
      /--judge llm .*needs an API key: set JUDGE_API_KEY \(or OPENAI_API_KEY\)/,
    );
    for (const name of ["runs", "grpo_checkpoints", "grpo_optimized_memory_qa.json"]) {
      await assert.rejects(Deno.stat(join(root, name)), Deno.errors.NotFound, name);
    }
  });
});

Deno.test("train: a judge failing during the run stops it after --max-failed-steps steps, with the cause", async () => {
  let requests = 0;
  // The probe gets an answer; every judgement after it fails for good.
  await using judge = startOpenAiTestServer({
    respond: () =>
      requests++ === 0
        ? replies.answer('{"reason": "ok", "label": "CORRECT"}')
        : replies.status(400, { message: "judge quota exhausted" }),
  });
  await inTemp(async (root) => {
    const result = await runTrainCli([
      "--backend",
      "embedded",
      "--judge",
      "llm",
      "--judge-base-url",
      judge.baseUrl,
      "--judge-model",
      "judge-model",
      "--num-train-steps",
      "10",
      "--examples-per-step",
      "4",
      "--max-failed-steps",
      "2",
      "--run-dir",
      "run",
    ], { cwd: root, env: ENV });
    assert.notEqual(result.code, 0);
    const lines = result.stderr.trim().split("\n");
    assert.equal(lines.length, 1, result.stderr);
    assert.match(
      lines[0]!,
      /the reward failed in 2 consecutive steps .*Cause: .*HTTP 400.*judge quota exhausted/,
    );
    const steps = (await readJsonl(join(root, "run", "metrics.jsonl"))).filter((e) =>
      e.type === "step"
    );
    assert.ok(steps.length <= 2, `stopped early (${steps.length} steps recorded)`);
  });
});

Deno.test("train | cat prints plain progress lines before the run ends", async () => {
  await inTemp(async (root) => {
    const result = await runTrainCli(
      ["--backend", "embedded", "--num-train-steps", "40", "--examples-per-step", "2"],
      { cwd: root, env: ENV },
    );
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.split("\n");
    const progress = lines.filter((l) => /^train step \d+\/40 \| reward /.test(l));
    assert.ok(progress.length >= 10, result.stdout);
    assert.match(
      progress[0]!,
      /^train step 1\/40 \| reward -?\d\.\d{3} \| val \d\.\d{3} \| elapsed \d+s \| ETA /,
    );
    assert.ok(!result.stdout.includes("{reward}"), "no literal template");
    const end = lines.findIndex((l) => l.startsWith("Best validation F1"));
    assert.ok(lines.indexOf(progress[0]!) < end, "progress came before the end");
  });
});

Deno.test("train --mode evaluate scores an embedded run's program on the embedded backend, also moved", async () => {
  await inTemp(async (root) => {
    const trained = await runTrainCli(
      ["--backend", "embedded", "--num-train-steps", "4", "--examples-per-step", "2"],
      { cwd: root, env: ENV },
    );
    assert.equal(trained.code, 0, trained.stderr);
    const saved = await loadProgram(join(root, "grpo_optimized_memory_qa.json"));
    assert.equal(saved.provenance.backend, "embedded");
    assert.equal(saved.provenance.model, "memgrpo-embedded");

    const evaluated = await runTrainCli(["--mode", "evaluate"], { cwd: root, env: ENV });
    assert.equal(evaluated.code, 0, evaluated.stderr);
    assert.match(evaluated.stdout, /on the embedded backend \(from the program's provenance\)/);
    const score = /grpo-program\s+([\d.]+)\s/.exec(evaluated.stdout)?.[1];
    assert.ok(score !== undefined, evaluated.stdout);

    // The program and its checkpoints moved together still evaluate the same.
    await Deno.mkdir(join(root, "moved"));
    for (const name of ["grpo_optimized_memory_qa.json", "grpo_checkpoints"]) {
      await Deno.rename(join(root, name), join(root, "moved", name));
    }
    const moved = await runTrainCli(
      ["--mode", "evaluate", "--program-out", "moved/grpo_optimized_memory_qa.json"],
      { cwd: root, env: ENV },
    );
    assert.equal(moved.code, 0, moved.stderr);
    if (saved.provenance.checkpoint !== null) {
      assert.match(moved.stdout, /checkpoint .*moved\/grpo_checkpoints\//);
    }
    assert.equal(/grpo-program\s+([\d.]+)\s/.exec(moved.stdout)?.[1], score);
  });
});

Deno.test("train --mode evaluate --backend arbor without a server exits non-zero within 10 s", async () => {
  await inTemp(async (root) => {
    const trained = await runTrainCli(
      ["--backend", "embedded", "--num-train-steps", "2", "--examples-per-step", "2"],
      { cwd: root, env: ENV },
    );
    assert.equal(trained.code, 0, trained.stderr);
    const started = performance.now();
    const result = await runTrainCli([
      "--mode",
      "evaluate",
      "--backend",
      "arbor",
      "--arbor-url",
      `http://127.0.0.1:${closedPort()}/v1/`,
    ], { cwd: root, env: ENV });
    const seconds = (performance.now() - started) / 1000;
    assert.notEqual(result.code, 0);
    assert.ok(seconds < 10, `took ${seconds} s`);
    assert.match(result.stderr, /No Arbor server found at/);
    await assert.rejects(Deno.stat(join(root, "results")), Deno.errors.NotFound);
  });
});
