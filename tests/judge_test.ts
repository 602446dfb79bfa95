import assert from "node:assert/strict";
import {
  type CategoryId,
  createLmClient,
  judgeAll,
  JudgeConfigError,
  JudgeIncompleteError,
  type JudgeItem,
  type LmClientOptions,
} from "../mod.ts";
import {
  type RecordedRequest,
  replies,
  startOpenAiTestServer,
  type TestReply,
} from "./openai_test_server.ts";

const JUDGE = "judge-model";
const POLICY = "policy-model";

/** Synthetic items: the prediction says how the scripted judge will answer. */
function item(id: string, category: CategoryId, prediction: string): JudgeItem {
  return { id, question: `Question ${id}?`, answer: `gold ${id}`, category, prediction };
}

const ITEMS: JudgeItem[] = [
  item("a", 1, "right"),
  item("b", 2, "wrong"),
  item("c", 3, "right"),
  item("d", 4, "right"),
  item("e", 5, "Not mentioned in the conversation"),
];

function userText(request: RecordedRequest): string {
  const body = request.body as { messages: { role: string; content: string }[] };
  return body.messages.find((m) => m.role === "user")?.content ?? "";
}

/** A judge that says CORRECT when the generated answer is "right", in the given style. */
function judgeReply(style: (label: string) => string) {
  return (request: RecordedRequest): TestReply => {
    const label = /Generated answer: right/.test(userText(request)) ? "CORRECT" : "WRONG";
    return replies.answer(style(label));
  };
}

const jsonStyle = (label: string) => JSON.stringify({ reason: "Compared.", label });

function judgeClient(baseUrl: string, extra: Partial<LmClientOptions> = {}) {
  const sleep = (_ms: number) => Promise.resolve();
  return createLmClient({ baseUrl, model: JUDGE, sleep, random: () => 0, ...extra });
}

async function withTempDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = await Deno.makeTempDir();
  try {
    return await run(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("judgeAll() labels each question and scores J over categories 1–4", async () => {
  await using server = startOpenAiTestServer({ respond: judgeReply(jsonStyle) });
  const lm = judgeClient(server.baseUrl);
  const result = await judgeAll(ITEMS, { lm, policyModel: POLICY, cacheDir: null });
  assert.equal(result.questions, 4);
  assert.equal(result.overall.mean, 0.75);
  assert.equal(result.byCategory[2]?.mean, 0);
  assert.equal(result.byCategory[1]?.mean, 1);
  assert.deepEqual(result.verdicts.map((v) => [v.id, v.label]), [
    ["a", "CORRECT"],
    ["b", "WRONG"],
    ["c", "CORRECT"],
    ["d", "CORRECT"],
  ]);
  assert.equal(result.verdicts[0]?.reason, "Compared.");
  const body = server.chatRequests()[0]?.body as Record<string, unknown>;
  assert.equal(body.temperature, 0);
  assert.equal(body.model, JUDGE);
  assert.deepEqual(body.response_format, { type: "json_object" });
});

Deno.test("judgeAll() excludes category 5: never sent, not counted", async () => {
  await using server = startOpenAiTestServer({ respond: judgeReply(jsonStyle) });
  const result = await judgeAll(ITEMS, {
    lm: judgeClient(server.baseUrl),
    policyModel: POLICY,
    cacheDir: null,
  });
  assert.equal(result.excludedCategory5, 1);
  assert.equal(server.chatRequests().length, 4);
  assert.ok(server.chatRequests().every((r) => !userText(r).includes("Question e?")));
  assert.equal(result.byCategory[5], undefined);
  assert.ok(result.verdicts.every((v) => v.category !== 5));
});

for (
  const [name, style] of [
    ["prose", (label: string) => `The answers agree or not; my label is ${label.toLowerCase()}.`],
    ["fenced JSON", (label: string) => "```json\n" + jsonStyle(label) + "\n```"],
    ["malformed JSON", (label: string) => `{"reason": "Compared.", "label": "${label}"`],
    ["single-quoted lower case", (label: string) => `{'label': '${label.toLowerCase()}'}`],
  ] as const
) {
  Deno.test(`judgeAll() reads verdicts given as ${name}`, async () => {
    await using server = startOpenAiTestServer({ respond: judgeReply(style) });
    const result = await judgeAll(ITEMS, {
      lm: judgeClient(server.baseUrl),
      policyModel: POLICY,
      cacheDir: null,
    });
    assert.equal(result.failures.length, 0);
    assert.equal(result.overall.mean, 0.75);
  });
}

Deno.test("judgeAll() gets through 429 with Retry-After, 500, bad bodies and slow replies", async () => {
  const waits: number[] = [];
  await using server = startOpenAiTestServer({
    replies: [
      replies.status(429, { retryAfter: "2" }),
      replies.status(500),
      replies.slow(5000),
      replies.malformedJson(),
      replies.nullBody(),
    ],
    respond: judgeReply(jsonStyle),
  });
  const lm = judgeClient(server.baseUrl, {
    concurrency: 1,
    timeoutMs: 200,
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  });
  const result = await judgeAll(ITEMS, { lm, policyModel: POLICY, cacheDir: null });
  assert.equal(result.failures.length, 0);
  assert.equal(result.verdicts.length, 4);
  assert.equal(result.overall.mean, 0.75);
  assert.equal(waits[0], 2000, "the first wait is the one Retry-After asked for");
  assert.equal(server.chatRequests().length, 9);
  assert.equal(lm.usage().retries, 5);
});

Deno.test("judgeAll() rerun with the cache issues zero requests", async () => {
  await withTempDir(async (dir) => {
    await using server = startOpenAiTestServer({ respond: judgeReply(jsonStyle) });
    const options = { policyModel: POLICY, cacheDir: dir, runs: 2 };
    const first = await judgeAll(ITEMS, { ...options, lm: judgeClient(server.baseUrl) });
    assert.equal(server.chatRequests().length, 8);
    server.reset();
    const again = await judgeAll(ITEMS, { ...options, lm: judgeClient(server.baseUrl) });
    assert.equal(server.chatRequests().length, 0);
    assert.equal(again.cacheHits, 8);
    assert.deepEqual(again.overall, first.overall);
    // Another judge model is a cache miss.
    const other = judgeClient(server.baseUrl, { model: "other-judge" });
    await judgeAll(ITEMS, { ...options, lm: other });
    assert.equal(server.chatRequests().length, 8);
  });
});

Deno.test("judgeAll() refuses to let the policy model judge itself", async () => {
  await using server = startOpenAiTestServer({ respond: judgeReply(jsonStyle) });
  const lm = judgeClient(server.baseUrl, { model: "Org/Policy-Model" });
  await assert.rejects(
    judgeAll(ITEMS, { lm, policyModel: "policy-model", cacheDir: null }),
    (e: JudgeConfigError) => {
      assert.ok(e instanceof JudgeConfigError);
      assert.match(e.message, /different model/);
      assert.match(e.message, /allowSameModel/);
      return true;
    },
  );
  assert.equal(server.requests.length, 0);
  const allowed = await judgeAll(ITEMS, {
    lm,
    policyModel: "policy-model",
    allowSameModel: true,
    cacheDir: null,
  });
  assert.equal(allowed.verdicts.length, 4);
});

Deno.test("judgeAll() names how many judgements failed instead of scoring zero", async () => {
  await using server = startOpenAiTestServer({
    respond: (r) =>
      /Question [ab]\?/.test(userText(r)) ? replies.status(500) : judgeReply(jsonStyle)(r),
  });
  const lm = judgeClient(server.baseUrl, { maxRetries: 1 });
  const error = await judgeAll(ITEMS, { lm, policyModel: POLICY, cacheDir: null }).then(
    () => assert.fail("should throw"),
    (e) => e,
  );
  assert.ok(error instanceof JudgeIncompleteError);
  assert.equal(error.failed, 2);
  assert.match(error.message, /2 of 4 judgements failed/);
  assert.match(error.message, /HTTP 500/);
  const { result } = error;
  assert.deepEqual(result.failures.map((f) => [f.id, f.errorName]), [
    ["a", "LmRequestError"],
    ["b", "LmRequestError"],
  ]);
  assert.equal(result.overall.mean, 1, "failures are left out, not counted as WRONG");
});

Deno.test("judgeAll() with every call failing reports J as null, not zero", async () => {
  await using server = startOpenAiTestServer({ respond: () => replies.answer("no idea") });
  const lm = judgeClient(server.baseUrl);
  const result = await judgeAll(ITEMS, {
    lm,
    policyModel: POLICY,
    cacheDir: null,
    maxFailures: Infinity,
  });
  assert.equal(result.failures.length, 4);
  assert.ok(result.failures.every((f) => f.errorName === "JudgeParseError"));
  assert.equal(result.overall.mean, null);
  assert.equal(server.chatRequests().length, 8, "an unreadable reply is asked again once");
});

Deno.test("judgeAll() reports mean ± std over several runs", async () => {
  let calls = 0;
  await using server = startOpenAiTestServer({
    // Run-dependent: the first four calls judge everything CORRECT, later ones WRONG for "b" and "c".
    respond: (r) => {
      calls++;
      const text = userText(r);
      const label = calls <= 4 || /Question [ad]\?/.test(text) ? "CORRECT" : "WRONG";
      return replies.answer(jsonStyle(label));
    },
  });
  const lm = judgeClient(server.baseUrl, { concurrency: 1 });
  const result = await judgeAll(ITEMS, { lm, policyModel: POLICY, cacheDir: null, runs: 2 });
  assert.deepEqual(result.overall.perRun, [1, 0.5]);
  assert.equal(result.overall.mean, 0.75);
  assert.ok(Math.abs(result.overall.std! - Math.sqrt(0.125)) < 1e-12);
  assert.equal(result.runs, 2);
});

Deno.test("judgeAll() keeps the API key out of failures and cache files", async () => {
  const key = "sk-judge-canary-93c1f0";
  await withTempDir(async (dir) => {
    await using server = startOpenAiTestServer({
      respond: (r) =>
        /Question a\?/.test(userText(r))
          ? replies.status(401, { message: `bad key ${r.headers["authorization"]}` })
          : judgeReply(jsonStyle)(r),
    });
    const lm = judgeClient(server.baseUrl, { apiKey: key });
    const result = await judgeAll(ITEMS, {
      lm,
      policyModel: POLICY,
      cacheDir: dir,
      maxFailures: 1,
    });
    assert.equal(result.failures.length, 1);
    assert.ok(!JSON.stringify(result).includes(key));
    for (const entry of Deno.readDirSync(dir)) {
      assert.ok(!Deno.readTextFileSync(`${dir}/${entry.name}`).includes(key));
    }
  });
});
