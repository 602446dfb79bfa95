import assert from "node:assert/strict";
import { ArborConnectionError, ArborHttpError, ArborUnavailableError } from "./errors.ts";
import { type ArborHttpSettings, callArbor, errorDetail, type FetchLike } from "./http.ts";

function settings(fetch: FetchLike): ArborHttpSettings {
  return {
    fetch,
    baseUrl: "http://arbor.test/v1/",
    rootUrl: "http://arbor.test/",
    maxRetries: 2,
    initialRetryDelayMs: 1,
    maxRetryDelayMs: 1,
    random: () => 0,
  };
}

/** A fetch that fails with each scripted error in turn, then answers `{}`. */
function scripted(failures: Error[]): { fetch: FetchLike; calls: () => number } {
  let calls = 0;
  return {
    calls: () => calls,
    fetch: () => {
      const failure = failures[calls++];
      return failure ? Promise.reject(failure) : Promise.resolve(Response.json({ ok: true }));
    },
  };
}

const refused = () =>
  new TypeError("fetch failed", {
    cause: new Error("client error (Connect): tcp connect error: Connection refused"),
  });
const reset = () =>
  new TypeError("fetch failed", { cause: new Error("connection closed before message completed") });

Deno.test("callArbor() retries a step whose connection was refused (never sent)", async () => {
  const fake = scripted([refused()]);
  const call = { method: "POST", path: "x", timeoutMs: 100, retry: "unsent-only" } as const;
  assert.deepEqual(await callArbor(settings(fake.fetch), call), { ok: true });
  assert.equal(fake.calls(), 2);
});

Deno.test("callArbor() does not re-send a step whose connection broke after sending", async () => {
  const fake = scripted([reset()]);
  const call = { method: "POST", path: "x", timeoutMs: 100, retry: "unsent-only" } as const;
  await assert.rejects(callArbor(settings(fake.fetch), call), ArborConnectionError);
  assert.equal(fake.calls(), 1);
});

Deno.test("callArbor() retries an idempotent call after a reset, up to maxRetries", async () => {
  const fake = scripted([reset(), reset(), reset()]);
  const call = { method: "POST", path: "x", timeoutMs: 100, retry: "idempotent" } as const;
  await assert.rejects(callArbor(settings(fake.fetch), call), ArborConnectionError);
  assert.equal(fake.calls(), 3);
});

Deno.test("callArbor() turns persistent refusal into ArborUnavailableError", async () => {
  const fake = scripted([refused(), refused(), refused()]);
  const call = {
    method: "GET",
    path: "openapi.json",
    timeoutMs: 100,
    retry: "idempotent",
  } as const;
  const error = await callArbor(settings(fake.fetch), call).catch((e) => e);
  assert.ok(error instanceof ArborUnavailableError);
  assert.match(error.message, /^No Arbor server found at http:\/\/arbor.test\/v1\/ — /);
  assert.equal(fake.calls(), 3);
});

Deno.test("callArbor() rejects at once with the signal's reason when aborted", async () => {
  const stop = new AbortController();
  stop.abort(new DOMException("stop", "AbortError"));
  const fetch: FetchLike = (_, init) =>
    new Promise((_, reject) =>
      init?.signal?.addEventListener("abort", () => reject(init.signal?.reason))
    );
  const call = {
    method: "POST",
    path: "x",
    timeoutMs: 100,
    retry: "idempotent",
    signal: stop.signal,
  } as const;
  await assert.rejects(callArbor(settings(fetch), call), (e: Error) => e.name === "AbortError");
});

Deno.test("callArbor() keeps a 400 reply's message and does not retry it", async () => {
  let calls = 0;
  const fetch: FetchLike = () => {
    calls++;
    return Promise.resolve(
      Response.json({ type: "ValueError", message: "Job x not found" }, { status: 400 }),
    );
  };
  const call = { method: "POST", path: "x", timeoutMs: 100, retry: "idempotent" } as const;
  const error = await callArbor(settings(fetch), call).catch((e) => e);
  assert.ok(error instanceof ArborHttpError);
  assert.equal(error.detail, "ValueError: Job x not found");
  assert.equal(calls, 1);
});

Deno.test("errorDetail() lists FastAPI 422 locations and messages", () => {
  const text = JSON.stringify({
    detail: [{ loc: ["body", "trainer_config", "lora"], msg: "Extra inputs are not permitted" }],
  });
  assert.equal(errorDetail(text), "body.trainer_config.lora: Extra inputs are not permitted");
  assert.equal(errorDetail("Internal Server Error"), "Internal Server Error");
  assert.equal(errorDetail(JSON.stringify({ detail: "Not Found" })), "Not Found");
});
