/**
 * Failures are loud: an unreachable or unauthorised judge is found by a probe before any answer
 * is asked for; a judge failure never changes F1 (rows are "not judged", left out of J and
 * counted); failed rows make the command exit 3 unless `--allow-failures`.
 */

import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../lib/cli/evaluate.ts";
import { readPredictions } from "../lib/eval/predictions_file.ts";
import { JudgeUnavailableError } from "../lib/metrics/judge_errors.ts";
import { type RecordedRequest, replies, startOpenAiTestServer } from "./openai_test_server.ts";
import { MINI, runMainOf, withSplits as withSplitsIn } from "./fixtures/cli_runs.ts";

const EVALUATE_CLI = fileURLToPath(new URL("../lib/cli/evaluate.ts", import.meta.url));
/** Nothing listens on the discard port: the connection is refused at once. */
const UNREACHABLE = "http://127.0.0.1:9/v1";

const withSplits = (run: (dir: string) => Promise<void>) =>
  withSplitsIn(run, { prefix: "memgrpo_evaluate_judge_" });

const runMain = (args: string[], env: Record<string, string> = {}) => runMainOf(main, args, env);

const isJudge = (r: RecordedRequest) => (r.body as { model?: string }).model === "judge-model";

function baseArgs(dir: string, out: string, answerUrl: string): string[] {
  return [
    "--backend",
    "openai",
    "--base-url",
    answerUrl,
    "--model",
    "test-model",
    "--data-dir",
    join(dir, "data"),
    "--input",
    MINI,
    "--split",
    "train",
    "--systems",
    "memory,no-memory",
    "--out-dir",
    out,
    "--cache-dir",
    join(dir, "cache", out.split("/").at(-1)!),
  ];
}

Deno.test("evaluate --judge both with an unreachable judge fails before any answer is asked for", async () => {
  await using server = startOpenAiTestServer({ respond: () => replies.answer("7 May 2023") });
  await withSplits(async (dir) => {
    const started = performance.now();
    await assert.rejects(
      runMain([
        ...baseArgs(dir, join(dir, "out"), server.baseUrl),
        "--judge",
        "both",
        "--judge-base-url",
        UNREACHABLE,
        "--judge-model",
        "judge-model",
      ]),
      (error: unknown) => {
        assert.ok(error instanceof JudgeUnavailableError);
        assert.equal(error.problem, "unreachable");
        assert.match(error.message, /cannot be reached/);
        assert.match(error.message, /--allow-failures/);
        return true;
      },
    );
    assert.ok(performance.now() - started < 30_000);
    assert.equal(server.chatRequests().length, 0, "no LM call was made");
    await assert.rejects(Deno.stat(join(dir, "out")), Deno.errors.NotFound);
  });
});

Deno.test("evaluate --allow-failures with an unreachable judge scores F1 exactly as --judge f1", async () => {
  await using server = startOpenAiTestServer({ respond: () => replies.answer("7 May 2023") });
  await withSplits(async (dir) => {
    const f1Run = await runMain(baseArgs(dir, join(dir, "f1"), server.baseUrl));
    assert.equal(f1Run.code, 0);
    const both = await runMain([
      ...baseArgs(dir, join(dir, "both"), server.baseUrl),
      "--judge",
      "both",
      "--judge-base-url",
      UNREACHABLE,
      "--judge-model",
      "judge-model",
      "--allow-failures",
    ]);
    assert.equal(both.code, 0, "--allow-failures accepts the unjudged rows");
    assert.match(both.out, /warning: Judge unavailable/);
    assert.match(both.out, /rows not judged, left out of J \(\d+ × unreachable\)/);
    const f1Rows = (await readPredictions(join(dir, "f1", "predictions.jsonl"))).rows;
    const bothRows = (await readPredictions(join(dir, "both", "predictions.jsonl"))).rows;
    const byKey = (rows: typeof f1Rows) =>
      new Map(rows.map((r) => [`${r.system} ${r.questionId}`, r.f1]));
    assert.deepEqual(byKey(bothRows), byKey(f1Rows), "the F1 column is the --judge f1 run's");
    for (const row of bothRows) {
      assert.equal(row.error, null);
      assert.equal(row.judgeVerdict, null);
      if (row.category !== 5) assert.match(row.judgeError!, /judge unavailable/);
    }
    const f1Summary = JSON.parse(await Deno.readTextFile(join(dir, "f1", "summary.json")));
    const bothSummary = JSON.parse(await Deno.readTextFile(join(dir, "both", "summary.json")));
    assert.deepEqual(
      bothSummary.systems.map((s: { f1: unknown }) => s.f1),
      f1Summary.systems.map((s: { f1: unknown }) => s.f1),
    );
    assert.equal(bothSummary.systems[0].judge, null, "no J without a single verdict");
    assert.ok(bothSummary.notJudgedRows > 0);
    const report = await Deno.readTextFile(join(dir, "both", "report.md"));
    assert.match(report, /\| judge \| unreachable \| \d+ \|/);
  });
});

Deno.test("evaluate: a judge that fails mid-run leaves F1 alone, J counts only verdicts, exit 3", async () => {
  let judged = 0;
  await using server = startOpenAiTestServer({
    respond: (request) => {
      if (!isJudge(request)) return replies.answer("7 May 2023");
      // The probe and every other judgement succeed; the rest fail for good.
      return judged++ % 2 === 0
        ? replies.answer('{"reason": "Same.", "label": "CORRECT"}')
        : replies.status(400, { message: "bad request" });
    },
  });
  await withSplits(async (dir) => {
    const judgeArgs = ["--judge-base-url", server.baseUrl, "--judge-model", "judge-model"];
    const f1Run = await runMain(baseArgs(dir, join(dir, "f1"), server.baseUrl));
    const run = await runMain([
      ...baseArgs(dir, join(dir, "both"), server.baseUrl),
      "--judge",
      "both",
      ...judgeArgs,
      "--concurrency",
      "1",
    ]);
    assert.equal(run.code, 3, run.out);
    assert.match(run.out, /rows not judged, left out of J \(\d+ × http \(HTTP 400\)\)/);
    assert.match(run.out, /Exit code 3/);
    const f1Rows = (await readPredictions(join(dir, "f1", "predictions.jsonl"))).rows;
    const rows = (await readPredictions(join(dir, "both", "predictions.jsonl"))).rows;
    assert.equal(f1Run.code, 0);
    const f1Of = new Map(f1Rows.map((r) => [`${r.system} ${r.questionId}`, r.f1]));
    const notJudged = rows.filter((r) => r.judgeError !== null);
    assert.ok(notJudged.length > 0);
    for (const row of rows) assert.equal(row.f1, f1Of.get(`${row.system} ${row.questionId}`));
    const summary = JSON.parse(await Deno.readTextFile(join(dir, "both", "summary.json")));
    for (const s of summary.systems) {
      const mine = rows.filter((r) => r.system === s.name);
      const verdicts = mine.filter((r) => r.judgeVerdict !== null);
      assert.equal(s.notJudged, mine.filter((r) => r.judgeError !== null).length);
      assert.equal(s.judge.overall.count, verdicts.length, "J covers the verdicts only");
      assert.equal(s.judge.overall.mean, 1, "every verdict given was CORRECT");
    }
  });
});

Deno.test("evaluate --judge llm against the OpenAI endpoint without a key fails at the edge", async () => {
  await withSplits(async (dir) => {
    await assert.rejects(
      runMain(["--data-dir", join(dir, "data"), "--input", MINI, "--judge", "llm"]),
      /--judge llm .*needs an API key: set JUDGE_API_KEY \(or OPENAI_API_KEY\)/,
    );
  });
});

Deno.test("evaluate CLI, as a user runs it: unreachable judge exits non-zero within 30 s", async () => {
  await withSplits(async (dir) => {
    const started = performance.now();
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "-A",
        EVALUATE_CLI,
        "--data-dir",
        join(dir, "data"),
        "--input",
        MINI,
        "--num-test",
        "4",
        "--judge",
        "both",
        "--judge-base-url",
        UNREACHABLE,
        "--out-dir",
        join(dir, "out"),
      ],
      cwd: dir,
      env: { NO_COLOR: "1", JUDGE_API_KEY: "" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const seconds = (performance.now() - started) / 1000;
    const stderr = new TextDecoder().decode(out.stderr);
    assert.notEqual(out.code, 0);
    assert.ok(seconds < 30, `took ${seconds} s`);
    assert.match(stderr, /error: Judge unavailable: the judge at http:\/\/127\.0\.0\.1:9\/v1/);
    assert.ok(!new TextDecoder().decode(out.stdout).includes("Evaluating"), "nothing was asked");
  });
});
