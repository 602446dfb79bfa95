import assert from "node:assert/strict";
import { join } from "node:path";
import { baselinePrograms, createLmClient, evaluate, loadLocomo, splitLocomo } from "../mod.ts";
import { readPredictions } from "../lib/eval/predictions_file.ts";
import {
  type RecordedRequest,
  replies,
  startOpenAiTestServer,
  type TestReply,
} from "./openai_test_server.ts";

const MINI = new URL("../data/sample/mini_locomo.json", import.meta.url).pathname;
const CANARY = "sk-canary-0123456789abcdefXYZ";
const systems = baselinePrograms().map((program) => ({ name: program.name, program }));

async function inTempDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "memgrpo_evaluate_flaky_" });
  try {
    await run(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function miniData() {
  const dataset = await loadLocomo(MINI);
  const splits = splitLocomo(dataset, { trainRatio: 0.34, valRatio: 0.33, testRatio: 0.33 });
  return {
    dataset,
    examples: [...splits.train.examples, ...splits.val.examples, ...splits.test.examples],
  };
}

function lastUserMessage(request: RecordedRequest): string {
  const body = request.body as { messages?: { role: string; content: string }[] };
  return body.messages?.at(-1)?.content ?? "";
}

const isJudge = (request: RecordedRequest) =>
  (request.body as { model?: string }).model === "judge-model";

const JUDGE_REPLY = replies.answer('{"reason": "Same place.", "label": "CORRECT"}');

/**
 * A server that fails each prompt's first attempts in turn with 429, 500 and garbage, then
 * answers; prompts of `doomed` questions always get 500 (naming the caller's key).
 */
function flakyResponder(doomed: readonly string[]) {
  const attempts = new Map<string, number>();
  return (request: RecordedRequest): TestReply => {
    if (isJudge(request)) return JUDGE_REPLY;
    const prompt = lastUserMessage(request);
    if (doomed.some((q) => prompt.endsWith(q))) {
      return replies.status(500, {
        message: `upstream down for ${request.headers.authorization}`,
      });
    }
    const n = attempts.get(prompt) ?? 0;
    attempts.set(prompt, n + 1);
    const script = [
      replies.status(429, { retryAfter: "0" }),
      replies.status(500, { message: `bad gateway; key ${request.headers.authorization}` }),
      replies.malformedJson(),
    ];
    return script[n % 7] ?? replies.answer("Berlin");
  };
}

async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) out.push(...await allFiles(path));
    else out.push(path);
  }
  return out;
}

function clients(baseUrl: string, cacheDir: string) {
  const fast = { initialRetryDelayMs: 1, maxRetryDelayMs: 2, maxRetries: 3, apiKey: CANARY };
  return {
    lm: createLmClient({ baseUrl, model: "test-model", cacheDir: join(cacheDir, "lm"), ...fast }),
    judgeLm: createLmClient({ baseUrl, model: "judge-model", ...fast }),
  };
}

Deno.test("evaluate() against a server answering 429/500/garbage finishes with every row", async () => {
  const { dataset, examples } = await miniData();
  await using server = startOpenAiTestServer({ respond: flakyResponder([]) });
  await inTempDir(async (dir) => {
    const { lm, judgeLm } = clients(server.baseUrl, join(dir, "cache"));
    const result = await evaluate(systems, examples, {
      lm,
      judgeLm,
      judge: "both",
      judgeCacheDir: join(dir, "cache", "judge"),
      conversations: dataset.conversations,
      outDir: join(dir, "out"),
      secrets: [CANARY],
    });
    assert.equal(result.failed, 0);
    assert.equal(result.rows.length, 4 * examples.length);
    assert.ok(lm.usage().retries > 0, "the server's failures were retried");
    for (const row of result.rows) {
      assert.equal(row.prediction, "Berlin");
      assert.equal(row.judgeVerdict, row.category === 5 ? null : "CORRECT");
    }
  });
});

Deno.test("evaluate() counts lasting failures as wrong and a rerun retries only those", async () => {
  const { dataset, examples } = await miniData();
  const doomed = [examples[0]!.question, examples[5]!.question];
  await using server = startOpenAiTestServer({ respond: flakyResponder(doomed) });
  await inTempDir(async (dir) => {
    const out = join(dir, "out");
    const options = {
      judge: "both" as const,
      judgeCacheDir: join(dir, "cache", "judge"),
      conversations: dataset.conversations,
      outDir: out,
      secrets: [CANARY],
    };
    const first = await evaluate(systems, examples, {
      ...clients(server.baseUrl, join(dir, "cache")),
      ...options,
    });
    const failedRows = first.rows.filter((r) => r.error !== null);
    assert.equal(first.failed, 2 * 4, "two questions × four systems");
    assert.equal(failedRows.length, first.failed);
    for (const row of failedRows) {
      assert.equal(row.f1, 0);
      assert.match(row.error!, /HTTP 500/);
      assert.ok(row.error!.includes("[REDACTED]"), "the key in the server's message is redacted");
      if (row.category !== 5) assert.equal(row.judgeVerdict, "WRONG");
    }
    const failedCategory = failedRows[0]!.category;
    const perCategory = first.summary.systems[0]!.f1.byCategory.find((c) =>
      c.category === failedCategory
    )!;
    assert.equal(
      perCategory.count,
      examples.filter((e) => e.category === failedCategory).length,
      "failed rows stay in their category's total",
    );
    assert.match(await Deno.readTextFile(join(out, "report.md")), /8 of \d+ rows failed/);

    server.respondWith(flakyResponder([]));
    server.reset();
    const second = await evaluate(systems, examples, {
      ...clients(server.baseUrl, join(dir, "cache")),
      ...options,
    });
    assert.equal(second.failed, 0);
    assert.equal(second.reused, 4 * examples.length - 8);
    const answered = server.chatRequests().filter((r) => !isJudge(r));
    const prompts = new Set(answered.map(lastUserMessage));
    assert.ok(
      [...prompts].every((p) => doomed.some((q) => p.endsWith(q))),
      "only the failed questions are asked again",
    );
    const judged = server.chatRequests().filter(isJudge).length;
    // Only the retried rows are judged (the judge cache may answer a repeat of the same
    // question, gold and answer from another system).
    const retriedJudged = failedRows.filter((r) => r.category !== 5);
    assert.ok(judged >= new Set(retriedJudged.map((r) => r.questionId)).size);
    assert.ok(judged <= retriedJudged.length, `${judged} judge calls for ${retriedJudged.length}`);
    assert.equal((await readPredictions(join(out, "predictions.jsonl"))).rows.length, 4 * 13);

    for (const file of await allFiles(dir)) {
      const text = await Deno.readTextFile(file);
      assert.ok(!text.includes(CANARY), `${file} holds no API key`);
    }
  });
});

Deno.test("evaluate() with the judge after a run without it judges the earlier answers, asking nothing again", async () => {
  const { dataset, examples } = await miniData();
  await using server = startOpenAiTestServer({ respond: flakyResponder([]) });
  await inTempDir(async (dir) => {
    const options = { conversations: dataset.conversations, outDir: join(dir, "out") };
    const first = await evaluate(systems, examples, {
      lm: clients(server.baseUrl, join(dir, "cache")).lm,
      ...options,
    });
    assert.equal(first.failed, 0);
    assert.ok(first.rows.every((r) => r.judgeVerdict === null));
    server.reset();
    // A fresh client without the answer cache: an answering call would reach the server.
    const { judgeLm } = clients(server.baseUrl, join(dir, "cache"));
    const lm = createLmClient({ baseUrl: server.baseUrl, model: "test-model", maxRetries: 3 });
    const second = await evaluate(systems, examples, {
      lm,
      judgeLm,
      judge: "both",
      judgeCacheDir: join(dir, "cache", "judge"),
      ...options,
    });
    assert.equal(
      server.chatRequests().filter((r) => !isJudge(r)).length,
      0,
      "no answer asked again",
    );
    assert.equal(second.reused, 4 * examples.length);
    const answerable = second.rows.filter((r) => r.category !== 5);
    assert.ok(answerable.length > 0);
    // Every system answered "Berlin": the judge's cache serves most repeats (calls in flight at
    // the same time may both reach the server).
    const judgeCalls = server.chatRequests().filter(isJudge).length;
    assert.ok(judgeCalls >= new Set(answerable.map((r) => r.questionId)).size, `${judgeCalls}`);
    assert.ok(judgeCalls <= answerable.length, `${judgeCalls}`);
    for (const row of answerable) assert.equal(row.judgeVerdict, "CORRECT");
    assert.deepEqual(
      second.rows.map((r) => r.prediction),
      first.rows.map((r) => r.prediction),
    );
    const j = second.summary.systems[0]!.judge;
    assert.ok(j !== null && j.overall.mean === 1, "J counts the judged earlier answers");
  });
});
