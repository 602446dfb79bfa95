import assert from "node:assert/strict";
import { type ChatMessage, createLmClient, type LmClientOptions, LmRequestError } from "../mod.ts";
import { LmClientClosedError } from "../lib/lm/mod.ts";
import { replies, startOpenAiTestServer } from "./openai_test_server.ts";

const CANARY = "sk-canary-7f3a9d2e41b8c6";
const HELLO: ChatMessage[] = [{ role: "user", content: "hello" }];

/** A sleep that records the requested waits and returns at once. */
function recordingSleep() {
  const waits: number[] = [];
  const sleep = (ms: number, signal?: AbortSignal) => {
    if (signal?.aborted) return Promise.reject(signal.reason);
    waits.push(ms);
    return Promise.resolve();
  };
  return { waits, sleep };
}

function client(baseUrl: string, extra: Partial<LmClientOptions> = {}) {
  return createLmClient({ baseUrl, model: "test-model", random: () => 0, ...extra });
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) out.push(...await filesUnder(path));
    else out.push(path);
  }
  return out;
}

Deno.test("chat() sends the model name exactly and the key as a Bearer header", async () => {
  await using server = startOpenAiTestServer({ replies: [replies.answer("Paris")] });
  const model = "org/Model-Name:Q4_K_M@v1 ";
  const lm = createLmClient({ baseUrl: server.baseUrl, model, apiKey: CANARY });
  const answer = await lm.chat(HELLO, { temperature: 0.7, maxTokens: 16, seed: 3 });
  assert.equal(answer.text, "Paris");
  assert.equal(answer.cached, false);
  assert.deepEqual(answer.usage, { promptTokens: 10, completionTokens: 2 });
  const [request] = server.chatRequests();
  assert.equal(request?.headers["authorization"], `Bearer ${CANARY}`);
  assert.deepEqual(request?.body, {
    model,
    messages: [{ role: "user", content: "hello" }],
    temperature: 0.7,
    max_tokens: 16,
    seed: 3,
  });
});

Deno.test("chat() sends no Authorization header when no key is given", async () => {
  await using server = startOpenAiTestServer();
  await client(server.baseUrl).chat(HELLO);
  assert.equal(server.chatRequests()[0]?.headers["authorization"], undefined);
});

Deno.test("chat() retries a 429 after the wait its Retry-After seconds ask", async () => {
  await using server = startOpenAiTestServer({
    replies: [replies.status(429, { retryAfter: "3" }), replies.answer("late")],
  });
  const { waits, sleep } = recordingSleep();
  const answer = await client(server.baseUrl, { sleep }).chat(HELLO);
  assert.equal(answer.text, "late");
  assert.equal(answer.attempts, 2);
  assert.deepEqual(waits, [3000]);
});

Deno.test("chat() honours retry-after-ms and an HTTP-date Retry-After", async () => {
  const date = new Date(Date.now() + 60_000).toUTCString();
  await using server = startOpenAiTestServer({
    replies: [
      replies.status(429, { retryAfterMs: "1250" }),
      replies.status(503, { retryAfter: date }),
      replies.answer("ok"),
    ],
  });
  const { waits, sleep } = recordingSleep();
  await client(server.baseUrl, { sleep }).chat(HELLO);
  assert.equal(waits[0], 1250);
  assert.ok(waits[1]! > 50_000 && waits[1]! <= 60_000, `HTTP-date wait was ${waits[1]}`);
});

Deno.test("chat() retries a 500 with exponential backoff and jitter", async () => {
  await using server = startOpenAiTestServer({
    replies: [replies.status(500), replies.status(502), replies.status(500), replies.answer("ok")],
  });
  const { waits, sleep } = recordingSleep();
  const lm = client(server.baseUrl, { sleep, random: () => 0.5, initialRetryDelayMs: 100 });
  const answer = await lm.chat(HELLO);
  assert.equal(answer.attempts, 4);
  assert.deepEqual(waits, [75, 150, 300]); // 100·2^k, minus jitter 0.5 · 0.5
  assert.equal(lm.usage().retries, 3);
});

Deno.test("chat() caps a server's Retry-After at maxRetryAfterMs", async () => {
  await using server = startOpenAiTestServer({
    replies: [replies.status(429, { retryAfter: "86400" }), replies.answer("ok")],
  });
  const { waits, sleep } = recordingSleep();
  await client(server.baseUrl, { sleep, maxRetryAfterMs: 5000 }).chat(HELLO);
  assert.deepEqual(waits, [5000]);
});

Deno.test("chat() gives up after maxRetries with an LmRequestError naming status and attempts", async () => {
  await using server = startOpenAiTestServer({ respond: () => replies.status(500) });
  const { sleep } = recordingSleep();
  const lm = client(server.baseUrl, { sleep, maxRetries: 2 });
  const e = await lm.chat(HELLO).then(() => assert.fail("should fail"), (e) => e);
  assert.ok(e instanceof LmRequestError);
  assert.equal(e.status, 500);
  assert.equal(e.attempts, 3);
  assert.equal(e.kind, "http");
  assert.match(e.message, /test-model.*3 attempt/);
  assert.equal(server.chatRequests().length, 3);
  assert.equal(lm.usage().failures, 1);
});

Deno.test("chat() does not retry a 400", async () => {
  await using server = startOpenAiTestServer({ respond: () => replies.status(400) });
  const lm = client(server.baseUrl, { sleep: recordingSleep().sleep });
  await assert.rejects(lm.chat(HELLO), (e: LmRequestError) => e.status === 400 && e.attempts === 1);
  assert.equal(server.chatRequests().length, 1);
});

Deno.test("chat() reports a timeout when the server is slower than timeoutMs", async () => {
  await using server = startOpenAiTestServer({ respond: () => replies.slow(5000) });
  const lm = client(server.baseUrl, {
    timeoutMs: 100,
    maxRetries: 1,
    sleep: recordingSleep().sleep,
  });
  await assert.rejects(
    lm.chat(HELLO),
    (e: LmRequestError) => e.kind === "timeout" && e.attempts === 2 && /100 ms/.test(e.message),
  );
});

Deno.test("chat() times out a reply whose body stalls after the headers", async () => {
  await using server = startOpenAiTestServer({
    replies: [{ content: "slow body", bodyDelayMs: 5000 }, replies.answer("whole")],
  });
  const lm = client(server.baseUrl, { timeoutMs: 100, sleep: recordingSleep().sleep });
  const answer = await lm.chat(HELLO);
  assert.equal(answer.text, "whole");
  assert.equal(answer.attempts, 2);
});

Deno.test("chat() retries a timed-out attempt and returns the next answer", async () => {
  await using server = startOpenAiTestServer({
    replies: [replies.slow(5000), replies.answer("second")],
  });
  const lm = client(server.baseUrl, { timeoutMs: 100, sleep: recordingSleep().sleep });
  assert.equal((await lm.chat(HELLO)).text, "second");
});

Deno.test("chat() reports a null body as an error after its retries", async () => {
  await using server = startOpenAiTestServer({ respond: () => replies.nullBody() });
  const lm = client(server.baseUrl, { maxRetries: 2, sleep: recordingSleep().sleep });
  await assert.rejects(lm.chat(HELLO), (e: LmRequestError) => {
    assert.equal(e.kind, "invalid_response");
    assert.equal(e.attempts, 3);
    assert.match(e.message, /not a JSON object: null/);
    return true;
  });
});

for (
  const [name, bad] of [
    ["malformed JSON", replies.malformedJson()],
    ["a null body", replies.nullBody()],
    ["null content", replies.nullContent()],
    ["empty content", replies.emptyContent()],
    ["an HTML body", replies.notJson()],
    ["a connection dropped mid-body", replies.droppedBody()],
  ] as const
) {
  Deno.test(`chat() retries a 200 reply with ${name} and returns the next answer`, async () => {
    await using server = startOpenAiTestServer({ replies: [bad, replies.answer("good")] });
    const answer = await client(server.baseUrl, { sleep: recordingSleep().sleep }).chat(HELLO);
    assert.equal(answer.text, "good");
    assert.equal(answer.attempts, 2);
  });
}

Deno.test("chat() never has more requests in flight than the concurrency limit", async () => {
  await using server = startOpenAiTestServer({ respond: () => replies.slow(20, "x") });
  const lm = client(server.baseUrl, { concurrency: 3 });
  const answers = await Promise.all(
    Array.from({ length: 24 }, (_, i) => lm.chat([{ role: "user", content: `q${i}` }])),
  );
  assert.equal(answers.length, 24);
  assert.ok(server.maxInFlight() <= 3, `max in flight ${server.maxInFlight()}`);
  assert.ok(server.maxInFlight() >= 2, "calls should overlap up to the limit");
});

Deno.test("chat() rejects with the signal's reason when cancelled mid-request", async () => {
  await using server = startOpenAiTestServer({ respond: () => replies.slow(10_000) });
  const lm = client(server.baseUrl);
  const controller = new AbortController();
  const call = lm.chat(HELLO, { signal: controller.signal });
  while (server.inFlight() === 0) await new Promise((r) => setTimeout(r, 5));
  controller.abort();
  await assert.rejects(call, (e: Error) => e.name === "AbortError");
  assert.equal(lm.usage().failures, 1);
});

Deno.test("chat() is cancelled during a Retry-After wait", async () => {
  await using server = startOpenAiTestServer({
    respond: () => replies.status(429, { retryAfter: "600" }),
  });
  const lm = client(server.baseUrl);
  const controller = new AbortController();
  const call = lm.chat(HELLO, { signal: controller.signal });
  while (server.chatRequests().length === 0) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, 20));
  controller.abort(new Error("user stopped"));
  await assert.rejects(call, /user stopped/);
  assert.equal(server.chatRequests().length, 1);
});

Deno.test("chat() sends nothing when the signal is already aborted", async () => {
  await using server = startOpenAiTestServer();
  await assert.rejects(
    client(server.baseUrl).chat(HELLO, { signal: AbortSignal.abort() }),
    (e: Error) => e.name === "AbortError",
  );
  assert.equal(server.requests.length, 0);
});

Deno.test("close() rejects calls in flight with LmClientClosedError", async () => {
  await using server = startOpenAiTestServer({ respond: () => replies.slow(10_000) });
  const lm = client(server.baseUrl);
  const call = lm.chat(HELLO);
  while (server.inFlight() === 0) await new Promise((r) => setTimeout(r, 5));
  lm.close();
  await assert.rejects(call, LmClientClosedError);
  await assert.rejects(lm.chat(HELLO), LmClientClosedError);
});

Deno.test("chat() answers a second identical call from the cache when it is on", async () => {
  await using server = startOpenAiTestServer({ respond: () => replies.answer("cached answer") });
  const dir = await Deno.makeTempDir();
  try {
    const lm = client(server.baseUrl, { cacheDir: dir });
    const first = await lm.chat(HELLO, { maxTokens: 5 });
    const second = await lm.chat(HELLO, { maxTokens: 5 });
    assert.equal(first.cached, false);
    assert.equal(second.cached, true);
    assert.equal(second.text, "cached answer");
    assert.equal(server.chatRequests().length, 1);
    await lm.chat(HELLO, { maxTokens: 6 }); // other params: a miss
    assert.equal(server.chatRequests().length, 2);
    // A new client of the same server on the same folder reuses the entry.
    const again = await client(server.baseUrl, { cacheDir: dir }).chat(HELLO, { maxTokens: 5 });
    assert.equal(again.cached, true);
    assert.equal(server.chatRequests().length, 2);
    assert.equal(lm.usage().cacheHits, 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("chat() sends every call to the server when the cache is off (the default)", async () => {
  await using server = startOpenAiTestServer();
  const lm = client(server.baseUrl);
  assert.equal(lm.cacheEnabled, false);
  const a = await lm.chat(HELLO);
  const b = await lm.chat(HELLO);
  assert.equal(a.cached || b.cached, false);
  assert.equal(server.chatRequests().length, 2);
});

Deno.test("the API key appears in no error message and no written file", async () => {
  // The server echoes the key back, as OpenAI's "Incorrect API key provided: sk-…" does.
  const echo = (auth: string | undefined) => replies.status(401, { message: `bad key ${auth}` });
  await using server = startOpenAiTestServer({
    respond: (r) => echo(r.headers["authorization"]),
  });
  const dir = await Deno.makeTempDir();
  try {
    const messages: string[] = [];
    const collect = (e: unknown) => {
      let cur: unknown = e;
      while (cur instanceof Error) {
        messages.push(String(cur), cur.message, cur.stack ?? "", JSON.stringify(cur));
        cur = cur.cause;
      }
    };
    const lm = client(server.baseUrl, {
      apiKey: CANARY,
      cacheDir: dir,
      maxRetries: 1,
      sleep: recordingSleep().sleep,
    });
    await lm.chat(HELLO).catch(collect);
    server.respondWith((r) =>
      replies.status(500, { message: `oops ${r.headers["authorization"]}` })
    );
    await lm.chat(HELLO).catch(collect);
    server.respondWith(() => replies.answer("fine"));
    await lm.chat(HELLO);
    await lm.chat(HELLO);
    assert.ok(messages.some((m) => m.includes("[REDACTED]")), "the key was echoed and redacted");
    for (const m of messages) assert.ok(!m.includes(CANARY), `key leaked in: ${m}`);
    const files = await filesUnder(dir);
    assert.ok(files.length > 0);
    for (const f of files) assert.ok(!(await Deno.readTextFile(f)).includes(CANARY), f);
    assert.ok(!JSON.stringify(lm).includes(CANARY));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("usage() totals calls, requests, retries, failures and tokens", async () => {
  await using server = startOpenAiTestServer({
    replies: [
      replies.status(429, { retryAfter: "0" }),
      replies.answer("a", { usage: { promptTokens: 7, completionTokens: 3 } }),
      replies.answer("b", { usage: { promptTokens: 5, completionTokens: 1 } }),
      replies.status(404),
    ],
  });
  const lm = client(server.baseUrl, { sleep: recordingSleep().sleep });
  await lm.chat(HELLO);
  await lm.chat(HELLO);
  await lm.chat(HELLO).catch(() => {});
  const u = lm.usage();
  assert.deepEqual({ ...u, latencyMs: 0 }, {
    calls: 3,
    cacheHits: 0,
    requests: 4,
    retries: 1,
    failures: 1,
    promptTokens: 12,
    completionTokens: 4,
    latencyMs: 0,
  });
  assert.ok(u.latencyMs >= 0);
});

Deno.test("chat() returns every choice when n > 1", async () => {
  await using server = startOpenAiTestServer({ replies: [replies.answer("same")] });
  const answer = await client(server.baseUrl).chat(HELLO, { n: 3, temperature: 1 });
  assert.deepEqual(answer.texts, ["same", "same", "same"]);
  assert.equal((server.chatRequests()[0]?.body as { n: number }).n, 3);
});

Deno.test("createLmClient() rejects a bad base URL and options", () => {
  assert.throws(() => createLmClient({ baseUrl: "not a url", model: "m" }), TypeError);
  assert.throws(() => createLmClient({ baseUrl: "ftp://x/v1", model: "m" }), TypeError);
  assert.throws(() => createLmClient({ baseUrl: "http://x/v1", model: "" }), TypeError);
  assert.throws(
    () => createLmClient({ baseUrl: "http://x/v1", model: "m", concurrency: 0 }),
    RangeError,
  );
});

Deno.test("the cache key holds the endpoint: another server with the same model name is asked", async () => {
  await using first = startOpenAiTestServer({ respond: () => replies.answer("from first") });
  await using second = startOpenAiTestServer({ respond: () => replies.answer("from second") });
  const dir = await Deno.makeTempDir();
  try {
    const questions = [HELLO, [{ role: "user" as const, content: "And again?" }]];
    for (const messages of questions) {
      const a = await client(first.baseUrl, { cacheDir: dir }).chat(messages, { maxTokens: 5 });
      assert.equal(a.text, "from first");
    }
    const lm = client(second.baseUrl, { cacheDir: dir });
    for (const messages of questions) {
      const b = await lm.chat(messages, { maxTokens: 5 });
      assert.equal(b.cached, false);
      assert.equal(b.text, "from second");
    }
    assert.equal(second.chatRequests().length, questions.length);
    assert.equal(lm.usage().cacheHits, 0);
    // Each server's answers stay cached for that server.
    const replay = await client(first.baseUrl, { cacheDir: dir }).chat(HELLO, { maxTokens: 5 });
    assert.deepEqual([replay.cached, replay.text], [true, "from first"]);
    assert.equal(first.chatRequests().length, questions.length);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
