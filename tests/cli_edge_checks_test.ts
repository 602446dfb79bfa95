/**
 * Every flag value is checked at the edge: `deno task train` and `deno task demo` with a bad
 * value exit non-zero within 3 s with one line on stderr that names the flag, and leave the
 * working folder empty (no runs/, results/, grpo_checkpoints/, arbor.yaml or split files).
 * `--resume` with a flag that differs from the run refuses before touching the run.
 *
 * @module
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { resolveTrainConfig } from "../mod.ts";
import { filesUnder, isStackLine, MINI_LOCOMO } from "./train_cli_helpers.ts";

const CLI = (name: string) => fileURLToPath(new URL(`../lib/cli/${name}.ts`, import.meta.url));

async function run(
  command: string,
  args: readonly string[],
  cwd: string,
): Promise<{ code: number; stderr: string; ms: number }> {
  const t0 = performance.now();
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", CLI(command), ...args],
    cwd,
    clearEnv: true,
    env: {
      PATH: Deno.env.get("PATH") ?? "",
      HOME: Deno.env.get("HOME") ?? "",
      ...(Deno.env.get("DENO_DIR") ? { DENO_DIR: Deno.env.get("DENO_DIR")! } : {}),
      NO_COLOR: "1",
      LOCOMO_PATH: MINI_LOCOMO,
    },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(30_000),
  }).output();
  return {
    code: out.code,
    stderr: new TextDecoder().decode(out.stderr),
    ms: performance.now() - t0,
  };
}

const CASES: [string, string[], RegExp][] = [
  ["train", ["--backend", "embedded", "--beta=-1"], /^error: --beta must be ≥ 0; got -1\b/],
  ["train", ["--backend", "embedded", "--beta", "-1"], /^error: --beta must be ≥ 0; got -1\b/],
  ["train", ["--backend", "embedded", "--model", ""], /^error: --model must be/],
  [
    "train",
    ["--backend", "embedded", "--learning-rate", "-1"],
    /^error: --learning-rate must be > 0/,
  ],
  [
    "train",
    ["--backend", "embedded", "--num-train-steps", "-3"],
    /^error: --num-train-steps must be an integer ≥ 1; got -3\b/,
  ],
  ["train", ["--backend", "embedded", "--num-generations", "1"], /^error: --num-generations must/],
  ["train", ["--backend", "embedded", "--num-generations", "3"], /^error: --num-generations 3/],
  ["train", ["--backend", "embedded", "--training-gpus", "1,1"], /^error: --training-gpus/],
  ["demo", ["--steps", "0"], /^error: --steps must be an integer ≥ 1; got 0\b/],
  ["demo", ["--num-test", "0"], /^error: --num-test must be an integer ≥ 1; got 0\b/],
  ["demo", ["--seed", "x"], /^error: --seed must be a number/],
  ["evaluate", ["--num-test", "-2"], /^error: --num-test must be an integer ≥ 1; got -2\b/],
  ["evaluate", ["--concurrency", "0"], /^error: --concurrency must be an integer ≥ 1/],
  ["evaluate", ["--split", "dev"], /^error: --split must be one of train, val, test/],
];

Deno.test("bad flag values fail at the edge: fast, one line naming the flag, nothing written", async () => {
  await run("train", ["--help"], Deno.cwd()); // warm the module cache so timings are the CLI's
  for (const [command, args, message] of CASES) {
    const cwd = await Deno.makeTempDir({ prefix: "edge_" });
    try {
      const result = await run(command, args, cwd);
      const what = `${command} ${args.join(" ")}`;
      assert.notEqual(result.code, 0, what);
      const lines = result.stderr.trimEnd().split("\n");
      assert.equal(lines.length, 1, `${what}: ${result.stderr}`);
      assert.equal(isStackLine(lines[0]!), false, what);
      assert.match(lines[0]!, message, what);
      assert.ok(result.ms < 3000, `${what} took ${result.ms.toFixed(0)} ms`);
      assert.deepEqual(await filesUnder(cwd), [], `${what} left files behind`);
    } finally {
      await Deno.remove(cwd, { recursive: true });
    }
  }
});

Deno.test("train --resume refuses a flag that differs from the run, before touching it", async () => {
  const cwd = await Deno.makeTempDir({ prefix: "edge_resume_" });
  try {
    const runDir = join(cwd, "run");
    await Deno.mkdir(runDir);
    const { resume: _resume, ...config } = resolveTrainConfig({
      backend: "embedded",
      numTrainSteps: 60,
      runDir,
    });
    const files: Record<string, string> = {
      "config.json": JSON.stringify(config),
      "state.json": JSON.stringify({ version: 1, completedStep: 2 }),
      "metrics.jsonl": '{"type":"step","step":3}\n',
    };
    for (const [name, text] of Object.entries(files)) {
      await Deno.writeTextFile(join(runDir, name), text);
    }
    const result = await run("train", ["--resume", runDir, "--beta", "0.1"], cwd);
    assert.notEqual(result.code, 0);
    assert.equal(
      result.stderr.trim(),
      "error: --beta differs from the run being resumed (0.04 there, 0.1 here); drop it or " +
        "start a new run (run with --help to see the options)",
    );
    for (const [name, text] of Object.entries(files)) {
      assert.equal(await Deno.readTextFile(join(runDir, name)), text, name);
    }
    assert.deepEqual((await filesUnder(cwd)).length, 3);
  } finally {
    await Deno.remove(cwd, { recursive: true });
  }
});
