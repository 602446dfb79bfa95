/**
 * `deno task train --backend arbor` when the server is missing or misbehaves: a clear one-line
 * error, a non-zero exit code, bounded retries, `terminate` still called, no hang.
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  type CliResult,
  closedPort,
  isStackLine,
  MINI_LOCOMO,
  runTrainCli,
  tempRun,
  writeMiniSplits,
} from "./train_cli_helpers.ts";
import {
  type LearningStandin,
  type LearningStandinOptions,
  startLearningStandin,
} from "./train_cli_standin.ts";

/** Kill the CLI after this long: a run that hangs fails the test instead of the suite. */
const HANG_MS = 30_000;

const BASE_ARGS = [
  "--backend",
  "arbor",
  "--input",
  MINI_LOCOMO,
  "--num-train-steps",
  "3",
  "--num-generations",
  "8",
  "--examples-per-step",
  "2",
];

/** The only stderr line, checked to be a message and not a stack trace. */
function oneLine(result: CliResult): string {
  const lines = result.stderr.trim().split("\n");
  assert.equal(lines.length, 1, `stderr has ${lines.length} lines:\n${result.stderr}`);
  assert.equal(isStackLine(lines[0]!), false, lines.join("\n"));
  return lines[0]!;
}

/** Runs the CLI against a learning stand-in set up by `setup`, then closes it. */
async function runAgainst(
  options: LearningStandinOptions,
  extraArgs: string[],
  setup: (standin: LearningStandin) => void = () => {},
): Promise<{ result: CliResult; standin: LearningStandin }> {
  const paths = await tempRun();
  const gold = await writeMiniSplits(paths.dataDir);
  const standin = startLearningStandin(gold, options);
  setup(standin);
  try {
    const result = await runTrainCli(
      [...BASE_ARGS, "--arbor-url", standin.baseUrl, ...paths.args, ...extraArgs],
      { cwd: paths.root, timeoutMs: HANG_MS },
    );
    return { result, standin };
  } finally {
    await standin.close();
    await Deno.remove(paths.root, { recursive: true });
  }
}

Deno.test("train CLI with no server at --arbor-url prints one clear line and fails", async () => {
  const paths = await tempRun();
  const url = `http://127.0.0.1:${closedPort()}/v1/`;
  try {
    await writeMiniSplits(paths.dataDir);
    const result = await runTrainCli([...BASE_ARGS, "--arbor-url", url, ...paths.args], {
      cwd: paths.root,
      timeoutMs: HANG_MS,
    });
    assert.notEqual(result.code, 0);
    const message = `No Arbor server found at ${url} — start one with ` +
      "`python -m arbor.cli serve --arbor-config arbor.yaml`, or use `--backend embedded`";
    assert.equal(oneLine(result).replace(/^error: /, ""), message);
  } finally {
    await Deno.remove(paths.root, { recursive: true });
  }
});

Deno.test("train CLI stops at a 500 on step without resending the group and terminates", async () => {
  const { result, standin } = await runAgainst({}, [], (s) => {
    s.faults.push({
      path: "grpo/step",
      status: 500,
      body: { detail: "CUDA out of memory" },
      times: 50,
    });
  });
  assert.notEqual(result.code, 0);
  const line = oneLine(result);
  assert.match(line, /grpo\/step/);
  assert.match(line, /500/);
  assert.match(line, /CUDA out of memory/);
  // A step that may have reached the trainer is never sent again (it would be mis-filed).
  assert.equal(standin.requestsTo("grpo/step").length, 1);
  assert.equal(standin.requestsTo("grpo/terminate").length, 1);
});

Deno.test("train CLI retries a failing status poll a bounded number of times, then terminates", async () => {
  const { result, standin } = await runAgainst({}, [], (s) => {
    s.faults.push({ path: "grpo/status", status: 503, times: 1000 });
  });
  assert.notEqual(result.code, 0);
  const line = oneLine(result);
  assert.match(line, /grpo\/status/);
  assert.match(line, /503/);
  const polls = standin.requestsTo("grpo/status").length;
  assert.ok(polls > 1 && polls <= 10, `status polled ${polls} times`);
  assert.equal(standin.requestsTo("grpo/step").length, 0);
  assert.equal(standin.requestsTo("grpo/terminate").length, 1);
});

Deno.test("train CLI reports a 422 on initialize with the rejected field (2025.11)", async () => {
  const detail = [{
    type: "extra_forbidden",
    loc: ["body", "trainer_config", "warmup_ratio"],
    msg: "Extra inputs are not permitted",
  }];
  const { result, standin } = await runAgainst({ dialect: "2025.11" }, [], (s) => {
    s.faults.push({ path: "grpo/initialize", status: 422, body: { detail } });
  });
  assert.notEqual(result.code, 0);
  const line = oneLine(result);
  assert.match(line, /422/);
  assert.match(line, /trainer_config\.warmup_ratio: Extra inputs are not permitted/);
  assert.equal(standin.requestsTo("grpo/initialize").length, 1);
  assert.equal(standin.requestsTo("grpo/step").length, 0);
});

Deno.test("train CLI terminates the global job after a 422 on initialize (2025.06)", async () => {
  const { result, standin } = await runAgainst({ dialect: "2025.06" }, [], (s) => {
    s.faults.push({ path: "grpo/initialize", status: 422, body: { detail: "bad config" } });
  });
  assert.notEqual(result.code, 0);
  assert.match(oneLine(result), /422.*bad config|bad config.*422/);
  assert.equal(standin.requestsTo("grpo/initialize").length, 1);
  assert.equal(standin.requestsTo("grpo/terminate").length, 1);
});

Deno.test("train CLI gives up when the trainer stops requesting data (--idle-timeout)", async () => {
  const stopAfter = 3;
  const { result, standin } = await runAgainst({
    dialect: "2025.11",
    onHandled: (path, s) => {
      if (path.endsWith("grpo/step") && s.requestsTo("grpo/step").length === stopAfter) {
        s.trainer.stopped = true;
      }
    },
  }, ["--idle-timeout", "0.5"]);
  assert.notEqual(result.code, 0);
  assert.match(oneLine(result), /trainer is not requesting data/);
  assert.equal(standin.requestsTo("grpo/step").length, stopAfter);
  assert.equal(standin.requestsTo("grpo/terminate").length, 1);
});

Deno.test("train CLI fails a step whose reply never comes after --request-timeout", async () => {
  const { result, standin } = await runAgainst({}, ["--request-timeout", "0.3"], (s) => {
    s.faults.push({ path: "grpo/step", delayMs: Infinity, times: 50 });
  });
  assert.notEqual(result.code, 0);
  const line = oneLine(result);
  assert.match(line, /grpo\/step/);
  assert.match(line, /time/i);
  // Not resent: a step that timed out may have reached the trainer.
  assert.equal(standin.requestsTo("grpo/step").length, 1);
  assert.equal(standin.requestsTo("grpo/terminate").length, 1);
});

Deno.test("train CLI retries slow status polls a bounded number of times, then terminates", async () => {
  const { result, standin } = await runAgainst({}, ["--request-timeout", "0.2"], (s) => {
    s.faults.push({ path: "grpo/status", delayMs: 5_000, times: 1000 });
  });
  assert.notEqual(result.code, 0);
  const line = oneLine(result);
  assert.match(line, /grpo\/status/);
  assert.match(line, /time/i);
  const polls = standin.requestsTo("grpo/status").length;
  assert.ok(polls > 1 && polls <= 10, `status polled ${polls} times`);
  assert.equal(standin.requestsTo("grpo/terminate").length, 1);
});
