/**
 * `deno task train` and API keys: a canary key in the environment appears in no file a run
 * writes and in no output, also when the judge server echoes it back in an error; the judge
 * must not be the policy model unless allowed.
 *
 * @module
 */

import assert from "node:assert/strict";
import { replies, startOpenAiTestServer, type TestReply } from "./openai_test_server.ts";
import {
  type CliResult,
  filesUnder,
  MINI_LOCOMO,
  type RunPaths,
  runTrainCli,
  tempRun,
  writeMiniSplits,
} from "./train_cli_helpers.ts";

const CANARY = "sk-canary-7f3e9a1c5b2d4e6f8091a2b3c4d5e6f7";
const ENV = { OPENAI_API_KEY: CANARY, JUDGE_API_KEY: CANARY };
const POLICY_MODEL = "Qwen/Qwen2.5-3B";

function trainArgs(paths: RunPaths, extra: string[]): string[] {
  return [
    "--backend",
    "embedded",
    "--input",
    MINI_LOCOMO,
    ...paths.args,
    "--num-train-steps",
    "2",
    "--num-steps-for-val",
    "1",
    "--examples-per-step",
    "2",
    "--model",
    POLICY_MODEL,
    ...extra,
  ];
}

/** Asserts the canary is in no file under the run's temp folder and not in the output. */
async function assertNoCanary(
  paths: RunPaths,
  result: CliResult,
  options: { started?: boolean } = {},
): Promise<void> {
  assert.equal(result.stdout.includes(CANARY), false, "canary in stdout");
  assert.equal(result.stderr.includes(CANARY), false, "canary in stderr");
  const files = await filesUnder(paths.root);
  const written = options.started === false
    ? []
    : [paths.programOut, `${paths.runDir}/config.json`];
  for (const expected of written) {
    assert.ok(files.includes(expected), `${expected} was written`);
  }
  for (const file of files) {
    const text = await Deno.readTextFile(file);
    assert.equal(text.includes(CANARY), false, `canary in ${file}`);
  }
}

async function withRun(
  fn: (paths: RunPaths) => Promise<void>,
): Promise<void> {
  const paths = await tempRun();
  try {
    await writeMiniSplits(paths.dataDir);
    await fn(paths);
  } finally {
    await Deno.remove(paths.root, { recursive: true });
  }
}

Deno.test("train CLI (judge f1) writes no API key from the environment anywhere", async () => {
  await withRun(async (paths) => {
    const result = await runTrainCli(trainArgs(paths, ["--judge", "f1"]), {
      cwd: paths.root,
      env: ENV,
    });
    assert.equal(result.code, 0, result.stderr);
    await assertNoCanary(paths, result);
  });
});

for (
  const [label, reply] of [
    ["answers", replies.answer('{"reason": "Same meaning.", "label": "CORRECT"}')],
    [
      "returns 401 echoing the key",
      replies.status(401, { message: `Incorrect API key provided: ${CANARY}.` }),
    ],
  ] as [string, TestReply][]
) {
  Deno.test(`train CLI --judge llm keeps the key secret when the judge ${label}`, async () => {
    await withRun(async (paths) => {
      await using judge = startOpenAiTestServer({ respond: () => reply });
      const result = await runTrainCli(
        trainArgs(paths, [
          "--judge",
          "llm",
          "--judge-base-url",
          judge.baseUrl,
          "--judge-model",
          "judge-model",
        ]),
        { cwd: paths.root, env: ENV },
      );
      if (label.startsWith("returns 401")) {
        // A refused key is found by the probe: one clear line, before the run starts.
        assert.notEqual(result.code, 0);
        const lines = result.stderr.trim().split("\n");
        assert.equal(lines.length, 1, result.stderr);
        assert.match(
          lines[0]!,
          /Judge unavailable: .* refused the API key \(HTTP 401\): set JUDGE_API_KEY \(or OPENAI_API_KEY\)/,
        );
        await assert.rejects(Deno.stat(paths.runDir), Deno.errors.NotFound, "nothing started");
      } else assert.equal(result.code, 0, result.stderr);
      const chats = judge.chatRequests();
      assert.ok(chats.length > 0, `the judge was asked (exit ${result.code}: ${result.stderr})`);
      assert.equal(chats[0]!.headers.authorization, `Bearer ${CANARY}`);
      assert.equal((chats[0]!.body as { model: string }).model, "judge-model");
      await assertNoCanary(paths, result, { started: !label.startsWith("returns 401") });
    });
  });
}

Deno.test("train CLI refuses --judge llm with the policy model as judge unless allowed", async () => {
  await withRun(async (paths) => {
    const judgeArgs = ["--judge", "llm", "--judge-model", POLICY_MODEL];
    const refused = await runTrainCli(
      trainArgs(paths, [...judgeArgs, "--judge-base-url", "http://127.0.0.1:1/v1"]),
      { cwd: paths.root, env: ENV },
    );
    assert.notEqual(refused.code, 0);
    const lines = refused.stderr.trim().split("\n");
    assert.ok(lines.length <= 2, refused.stderr);
    assert.ok(lines[0]!.includes(POLICY_MODEL), lines.join("\n"));
    assert.match(lines[0]!, /--allow-same-judge/);
    await assert.rejects(Deno.stat(paths.runDir), Deno.errors.NotFound, "nothing was started");

    await using judge = startOpenAiTestServer({
      respond: () => replies.answer('{"reason": "ok", "label": "WRONG"}'),
    });
    const allowed = await runTrainCli(
      trainArgs(paths, [
        ...judgeArgs,
        "--judge-base-url",
        judge.baseUrl,
        "--allow-same-judge",
        "--run-dir",
        `${paths.root}/run_allowed`,
      ]),
      { cwd: paths.root, env: ENV },
    );
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.ok(judge.chatRequests().length > 0);
  });
});
