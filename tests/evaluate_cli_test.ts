import assert from "node:assert/strict";
import { join } from "node:path";
import { main } from "../lib/cli/evaluate.ts";
import { JudgeConfigError, resolveProgram, saveProgram } from "../mod.ts";
import { createExtractivePolicy, writeCheckpointDir } from "../lib/embedded/mod.ts";
import { SplitSourceMismatchError } from "../lib/eval/mod.ts";
import { FolderSettingsError } from "../lib/eval/folder_settings.ts";
import { readPredictions } from "../lib/eval/predictions_file.ts";
import { replies, startOpenAiTestServer } from "./openai_test_server.ts";
import { MINI, runMainOf, withSplits as withSplitsIn } from "./fixtures/cli_runs.ts";

const CANARY = "sk-canary-cli-0123456789abcdef";

const withSplits = (run: (dir: string) => Promise<void>) =>
  withSplitsIn(run, { prefix: "memgrpo_evaluate_cli_" });

const runMain = (args: string[], env: Record<string, string> = {}) => runMainOf(main, args, env);

Deno.test("evaluate CLI runs the embedded backend offline, then reuses the rows on rerun", async () => {
  await withSplits(async (dir) => {
    const args = [
      "--data-dir",
      join(dir, "data"),
      "--input",
      MINI,
      "--split",
      "train",
      "--num-test",
      "3",
      "--out-dir",
      join(dir, "out"),
    ];
    const first = await runMain(args);
    assert.equal(first.code, 0);
    assert.match(first.out, /on 3 train questions \(embedded backend/);
    assert.match(first.out, /All 12 rows answered\./);
    assert.match(first.out, /5 adversarial/);
    assert.match(first.out, /Results: .*report\.md/);
    const second = await runMain(args);
    assert.match(second.out, /Reused 12 finished rows/);
  });
});

Deno.test("evaluate CLI refuses a LOCOMO file that is not the split's source", async () => {
  await withSplits(async (dir) => {
    const copy = join(dir, "other.json");
    await Deno.writeTextFile(copy, (await Deno.readTextFile(MINI)) + "\n");
    await assert.rejects(
      runMain(["--data-dir", join(dir, "data"), "--input", copy, "--out-dir", join(dir, "o")]),
      (error: unknown) => {
        assert.ok(error instanceof SplitSourceMismatchError);
        assert.match(error.message, /was made from a LOCOMO file with sha256 [0-9a-f]{64}/);
        return true;
      },
    );
  });
});

Deno.test("evaluate CLI says to run `deno task split` when the split files are missing", async () => {
  await assert.rejects(
    runMain(["--data-dir", "/nonexistent/memgrpo-data", "--input", MINI]),
    /deno task split/,
  );
});

Deno.test("evaluate CLI exits 3 with a count of failed rows by cause and never writes the key", async () => {
  await using server = startOpenAiTestServer({
    respond: (request) =>
      (request.body as { messages: { content: string }[] }).messages.at(-1)!.content.includes(
          "Cleo",
        )
        ? replies.status(500, { retryAfter: "0", message: `no; ${request.headers.authorization}` })
        : replies.answer("7 May 2023"),
  });
  await withSplits(async (dir) => {
    const out = join(dir, "out");
    const result = await runMain([
      "--backend",
      "openai",
      "--base-url",
      server.baseUrl,
      "--model",
      "test-model",
      "--data-dir",
      join(dir, "data"),
      "--input",
      MINI,
      "--systems",
      "memory,no-memory",
      "--out-dir",
      out,
      "--cache-dir",
      join(dir, "cache"),
    ], { OPENAI_API_KEY: CANARY });
    assert.equal(result.code, 3, "failed rows make the run fail");
    assert.match(
      result.out,
      /\d+ of \d+ rows failed: \d+ answers failed, counted as wrong \(\d+ × http \(HTTP 500\)\)/,
    );
    assert.ok(!result.out.includes(CANARY));
    const auth = server.chatRequests()[0]!.headers.authorization;
    assert.equal(auth, `Bearer ${CANARY}`, "the key is sent to the server");
    for (const name of ["predictions.jsonl", "summary.json", "report.md", "chart.svg"]) {
      assert.ok(!(await Deno.readTextFile(join(out, name))).includes(CANARY), name);
    }
    for await (const entry of Deno.readDir(join(dir, "cache", "lm"))) {
      const text = await Deno.readTextFile(join(dir, "cache", "lm", entry.name));
      assert.ok(!text.includes(CANARY), entry.name);
    }
  });
});

Deno.test("evaluate CLI refuses a judge that is the answering model", async () => {
  await withSplits(async (dir) => {
    await assert.rejects(
      runMain([
        "--backend",
        "openai",
        "--model",
        "gpt-4o-mini",
        "--judge",
        "llm",
        "--data-dir",
        join(dir, "data"),
        "--input",
        MINI,
        "--out-dir",
        join(dir, "out"),
      ]),
      JudgeConfigError,
    );
  });
});

Deno.test("evaluate CLI names a bad flag value", async () => {
  await assert.rejects(runMain(["--judge", "vibes"]), /--judge must be one of f1, llm, both/);
  await assert.rejects(runMain(["--systems", "rag"]), /unknown system "rag"/);
  await assert.rejects(runMain(["--backend", "openai"]), /needs --model/);
});

Deno.test("evaluate CLI answers a saved program with its embedded checkpoint", async () => {
  await withSplits(async (dir) => {
    const checkpoint = join(dir, "ckpt", "checkpoint_final");
    await writeCheckpointDir(checkpoint, {
      policy: createExtractivePolicy({ seed: 3 }).snapshot(),
      metadata: {
        checkpoint_name: "checkpoint_final",
        job_id: "job-1",
        model: "memgrpo-embedded",
        dialect: "2025.11",
        global_step: 1,
        groups_received: 1,
        metadata: null,
        timestamp: 0,
        config: null,
      },
    });
    const file = join(dir, "trained.json");
    await saveProgram(file, resolveProgram({ name: "trained" }), {
      provenance: { backend: "embedded", checkpoint },
    });
    const out = join(dir, "out");
    const args = ["--data-dir", join(dir, "data"), "--input", MINI, "--out-dir", out];
    const result = await runMain([...args, "--systems", "memory", "--program", file]);
    assert.equal(result.code, 0);
    assert.match(result.out, /Evaluating memory, trained on/);
    const rows = (await readPredictions(join(out, "predictions.jsonl"))).rows;
    assert.deepEqual([...new Set(rows.map((r) => r.system))], ["memory", "trained"]);

    // A checkpoint written by another version of the policy stops the command before any row.
    const policyFile = join(checkpoint, "policy.json");
    const other = JSON.parse(await Deno.readTextFile(policyFile));
    other.featureNames.span = other.featureNames.span.slice(0, -3);
    await Deno.writeTextFile(policyFile, JSON.stringify(other));
    await assert.rejects(
      runMain([...args, "--systems", "memory", "--program", file, "--out-dir", join(dir, "o3")]),
      /names a checkpoint the embedded server cannot serve: .*another version of the embedded policy/,
    );
    await assert.rejects(Deno.stat(join(dir, "o3")), Deno.errors.NotFound, "nothing written");

    await Deno.remove(checkpoint, { recursive: true });
    await assert.rejects(
      runMain([...args, "--systems", "", "--program", file, "--out-dir", join(dir, "o2")]),
      /names checkpoint .* which is not a checkpoint folder/,
    );
  });
});

Deno.test("evaluate CLI into two --out-dirs against two servers of one model name asks each", async () => {
  await using first = startOpenAiTestServer({ respond: () => replies.answer("7 May 2023") });
  await using second = startOpenAiTestServer({ respond: () => replies.answer("Lake Tahoe") });
  await withSplits(async (dir) => {
    const run = async (baseUrl: string, out: string, extra: string[] = []) => {
      const result = await runMain([
        "--backend",
        "openai",
        "--base-url",
        baseUrl,
        "--model",
        "test-model",
        "--data-dir",
        join(dir, "data"),
        "--input",
        MINI,
        "--systems",
        "memory",
        "--num-test",
        "3",
        "--out-dir",
        join(dir, out),
        ...extra,
      ]);
      assert.equal(result.code, 0, result.out);
      return (await readPredictions(join(dir, out, "predictions.jsonl"))).rows;
    };
    const a = await run(first.baseUrl, "a");
    assert.ok(a.every((r) => r.prediction === "7 May 2023"));
    const b = await run(second.baseUrl, "b");
    assert.ok(b.every((r) => r.prediction === "Lake Tahoe" && !r.cached));
    const questions = (server: typeof second) =>
      server.chatRequests().filter((r) =>
        !JSON.stringify(r.body).includes("Reply with the word OK")
      );
    assert.equal(questions(second).length, 3, "the second server answered every question");
    assert.ok((await Deno.stat(join(dir, "a", ".cache", "lm"))).isDirectory, "cache in --out-dir");
    // --no-cache asks again although the folder holds a cache.
    second.reset();
    await Deno.remove(join(dir, "b", "predictions.jsonl"));
    await run(second.baseUrl, "b", ["--no-cache"]);
    assert.equal(questions(second).length, 3);
  });
});

Deno.test("evaluate CLI refuses to reuse a folder's answers for another policy or model", async () => {
  await using server = startOpenAiTestServer({ respond: () => replies.answer("7 May 2023") });
  await withSplits(async (dir) => {
    const base = [
      "--data-dir",
      join(dir, "data"),
      "--input",
      MINI,
      "--systems",
      "memory",
      "--num-test",
      "3",
      "--out-dir",
      join(dir, "out"),
    ];
    const openai = ["--backend", "openai", "--base-url", server.baseUrl, ...base];
    assert.equal((await runMain([...openai, "--model", "test-model"])).code, 0);
    await assert.rejects(
      runMain([...openai, "--model", "other-model"]),
      (error: unknown) => {
        assert.ok(error instanceof FolderSettingsError);
        assert.equal(error.flag, "--model");
        assert.match(error.message, /"test-model" there, "other-model" here/);
        return true;
      },
    );
    await assert.rejects(runMain(base), /--backend differs/);
    // The same settings with more questions fill in the folder.
    const more = await runMain([...openai, "--model", "test-model", "--num-test", "4"]);
    assert.equal(more.code, 0);
    assert.match(more.out, /Reused 3 finished rows/);
  });
});

Deno.test("evaluate CLI refuses a malformed settings.json in --out-dir, naming the file", async () => {
  await withSplits(async (dir) => {
    const out = join(dir, "out");
    await Deno.mkdir(out);
    await Deno.writeTextFile(join(out, "settings.json"), '{"--backend": "embe');
    await assert.rejects(
      runMain(["--data-dir", join(dir, "data"), "--input", MINI, "--out-dir", out]),
      (error: unknown) => {
        assert.ok(error instanceof FolderSettingsError);
        assert.match(error.message, /out\/settings\.json is not a JSON object of settings/);
        return true;
      },
    );
    assert.deepEqual([...Deno.readDirSync(out)].map((e) => e.name), ["settings.json"]);
  });
});
