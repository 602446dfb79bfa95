import assert from "node:assert/strict";
import { call, get, originOf, post, rollGroup } from "./arbor_contract_http.ts";
import { headInitializeBody } from "./arbor_contract_head.ts";
import { midInitializeBody } from "./arbor_contract_mid.ts";
import { withServer } from "./embedded_server_test_utils.ts";
import { portableFolderName } from "../lib/embedded/job_id.ts";

const SETTINGS = { dialect: "2025.11" as const, model: "org/Tiny-Model", numGenerations: 4 };

// deno-lint-ignore no-explicit-any
function initBody(): any {
  return headInitializeBody(SETTINGS);
}

async function startJob(url: string): Promise<string> {
  const answer = await post(url, "fine_tuning/grpo/initialize", initBody());
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body.job_id;
}

async function assertStillServing(url: string, jobId: string): Promise<void> {
  const status = await post(url, "fine_tuning/grpo/status", { job_id: jobId });
  assert.equal(status.status, 200, "the server keeps serving");
}

Deno.test("initialize lists every unknown field as its own 422 extra_forbidden detail", async () => {
  await withServer({}, async ({ url }) => {
    const body = initBody();
    body.suffix = "dspy";
    body.trainer_config.fp16 = true;
    body.inference_config.max_context_length = 4096;
    const answer = await post(url, "fine_tuning/grpo/initialize", body);
    assert.equal(answer.status, 422);
    const locs = answer.body.detail.map((d: { loc: unknown[] }) => d.loc.join("."));
    assert.deepEqual(locs.sort(), [
      "body.inference_config.max_context_length",
      "body.suffix",
      "body.trainer_config.fp16",
    ]);
    for (const detail of answer.body.detail) {
      assert.equal(detail.type, "extra_forbidden");
      assert.equal(detail.msg, "Extra inputs are not permitted");
    }
  });
});

Deno.test("initialize reports wrong types and missing fields with their loc", async () => {
  await withServer({}, async ({ url }) => {
    const body = initBody();
    body.trainer_config.temperature = "hot";
    body.trainer_config.num_generations = 2.5;
    delete body.model;
    const answer = await post(url, "fine_tuning/grpo/initialize", body);
    assert.equal(answer.status, 422);
    const byLoc = Object.fromEntries(
      answer.body.detail.map((d: { loc: unknown[]; type: string }) => [d.loc.join("."), d.type]),
    );
    assert.equal(byLoc["body.model"], "missing");
    assert.equal(byLoc["body.trainer_config.temperature"], "float_type");
    assert.equal(byLoc["body.trainer_config.num_generations"], "int_type");
  });
});

Deno.test("initialize refuses configs a real trainer would hang on, with 400 and the reason", async () => {
  await withServer({}, async ({ url }) => {
    const cases: [string, (b: ReturnType<typeof initBody>) => void, RegExp][] = [
      ["num_generations", (b) => (b.trainer_config.num_generations = 1), /at least 2.*hang/],
      ["max_steps", (b) => delete b.trainer_config.max_steps, /max_steps.*must be > 0/],
      ["max_seq_len", (b) => (b.trainer_config.max_seq_len = null), /max_completion_length.*hang/],
      ["generation_batch_size", (b) => (b.trainer_config.num_generations = 3), /multiple of/],
    ];
    for (const [field, edit, message] of cases) {
      const body = initBody();
      edit(body);
      const answer = await post(url, "fine_tuning/grpo/initialize", body);
      assert.equal(answer.status, 400, field);
      assert.match(answer.body.message, message, field);
      assert.match(answer.body.message, new RegExp(field));
    }
  });
});

Deno.test("initialize reports fields it cannot honour as ignored, in the answer and config.json", async () => {
  await withServer({}, async ({ url, outputDir }) => {
    const body = initBody();
    body.trainer_config.lora_config = {
      r: 16,
      lora_alpha: 64,
      target_modules: ["q_proj"],
      lora_dropout: 0.05,
    };
    const answer = await post(url, "fine_tuning/grpo/initialize", body);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const ignored: string[] = answer.body.ignored_fields;
    for (const field of ["trainer_config.lora_config", "trainer_config.bf16", "gpu_config"]) {
      assert.ok(ignored.includes(field), field);
    }
    assert.ok(!ignored.includes("trainer_config.learning_rate"));
    const config = JSON.parse(
      await Deno.readTextFile(`${outputDir}/${portableFolderName(answer.body.job_id)}/config.json`),
    );
    assert.deepEqual(config.ignored_fields, ignored);
  });
});

Deno.test("step reports malformed items at body.batch.<i>.<field> and wrong sizes with G", async () => {
  await withServer({}, async ({ url }) => {
    const jobId = await startJob(url);
    const group = await rollGroup(url, jobId, 4, 0);
    const broken = group.map((item, i) => (i === 2 ? { ...item, completion: undefined } : item));
    const bad = await post(url, "fine_tuning/grpo/step", {
      job_id: jobId,
      model: jobId,
      batch: broken,
    });
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.detail[0].loc, ["body", "batch", 2, "completion"]);
    const big = await post(url, "fine_tuning/grpo/step", {
      job_id: jobId,
      model: jobId,
      batch: [...group, ...group],
    });
    assert.equal(big.status, 400);
    assert.match(big.body.message, /num_generations = 4.*got 8/);
    await assertStillServing(url, jobId);
  });
});

Deno.test("step, checkpoint and status of an unknown job id answer 400 naming the id", async () => {
  await withServer({}, async ({ url }) => {
    const jobId = await startJob(url);
    const group = await rollGroup(url, jobId, 4, 0);
    const cases: [string, unknown][] = [
      ["step", { job_id: "grpo:nope:x:20250101", model: "m", batch: group }],
      ["checkpoint", { job_id: "grpo:nope:x:20250101", checkpoint_name: "c" }],
      ["status", { job_id: "grpo:nope:x:20250101" }],
    ];
    for (const [path, body] of cases) {
      const answer = await post(url, `fine_tuning/grpo/${path}`, body);
      assert.equal(answer.status, 400, path);
      assert.match(answer.body.message, /grpo:nope:x:20250101/);
      assert.match(answer.body.message, new RegExp(jobId));
    }
    await assertStillServing(url, jobId);
  });
});

Deno.test("a body over maxBodyBytes answers 413 JSON, with or without Content-Length", async () => {
  await withServer({ maxBodyBytes: 2048 }, async ({ url }) => {
    const jobId = await startJob(url);
    const huge = JSON.stringify({ job_id: jobId, padding: "x".repeat(10_000) });
    const declared = await call("POST", new URL("fine_tuning/grpo/status", url).href, huge);
    assert.equal(declared.status, 413);
    assert.match(declared.body.detail, /limit is 2048 bytes/);
    const bytes = new TextEncoder().encode(huge);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 1000) controller.enqueue(bytes.slice(i, i + 1000));
        controller.close();
      },
    });
    const response = await fetch(new URL("fine_tuning/grpo/status", url), {
      method: "POST",
      body: stream,
    });
    assert.equal(response.status, 413);
    assert.match((await response.json()).detail, /limit is 2048 bytes/);
    await assertStillServing(url, jobId);
  });
});

Deno.test("a non-JSON or empty body answers 422 with a body-level detail", async () => {
  await withServer({}, async ({ url }) => {
    const jobId = await startJob(url);
    const garbage = await post(url, "fine_tuning/grpo/status", "{job_id: nope");
    assert.equal(garbage.status, 422);
    assert.equal(garbage.body.detail[0].type, "json_invalid");
    const empty = await post(url, "fine_tuning/grpo/status");
    assert.equal(empty.status, 422);
    assert.deepEqual(empty.body.detail[0], {
      type: "missing",
      loc: ["body"],
      msg: "Field required",
    });
    await assertStillServing(url, jobId);
  });
});

Deno.test("a wrong method answers 405 with Allow, a wrong path 404, both JSON", async () => {
  await withServer({}, async ({ url }) => {
    const wrongMethod = await fetch(new URL("fine_tuning/grpo/step", url));
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.get("allow"), "POST");
    assert.deepEqual(await wrongMethod.json(), { detail: "Method Not Allowed" });
    const wrongPath = await get(url, "fine_tuning/grpo/nothing");
    assert.equal(wrongPath.status, 404);
    assert.deepEqual(wrongPath.body, { detail: "Not Found" });
    const health = await call("GET", `${originOf(url)}/health`);
    assert.equal(health.status, 404, "2025.11 has no /health");
  });
});

Deno.test("chat/completions refuses streaming, empty messages and n = 0 with JSON errors", async () => {
  await withServer({}, async ({ url }) => {
    const messages = [{ role: "user", content: "hi there" }];
    const stream = await post(url, "chat/completions", { model: "m", messages, stream: true });
    assert.equal(stream.status, 400);
    assert.match(stream.body.message, /stream/);
    const empty = await post(url, "chat/completions", { model: "m", messages: [] });
    assert.equal(empty.status, 422);
    assert.deepEqual(empty.body.detail[0].loc, ["body", "messages"]);
    const zero = await post(url, "chat/completions", { model: "m", messages, n: 0 });
    assert.equal(zero.status, 422);
    assert.equal(zero.body.detail[0].type, "greater_than_equal");
  });
});

Deno.test("checkpoint names that are not one folder name answer 422", async () => {
  await withServer({}, async ({ url }) => {
    const jobId = await startJob(url);
    const answer = await post(url, "fine_tuning/grpo/checkpoint", {
      job_id: jobId,
      checkpoint_name: "../../escape",
    });
    assert.equal(answer.status, 422);
    assert.deepEqual(answer.body.detail[0].loc, ["body", "checkpoint_name"]);
  });
});

Deno.test("2025.06 refuses a step before initialize and wrong types, then keeps serving", async () => {
  await withServer({ dialect: "2025.06" }, async ({ url }) => {
    const early = await post(url, "fine_tuning/grpo/step", { model: "m", batch: [] });
    assert.equal(early.status, 400);
    assert.match(early.body.message, /initialize first/);
    const typed = await post(url, "fine_tuning/grpo/initialize", {
      model: "m",
      num_generations: "4",
    });
    assert.equal(typed.status, 422);
    assert.deepEqual(typed.body.detail[0].loc, ["body", "num_generations"]);
    const ok = await post(url, "fine_tuning/grpo/initialize", midInitializeBody(SETTINGS));
    assert.equal(ok.status, 200);
    assert.ok(ok.body.ignored_fields.includes("lora"));
    const health = await call("GET", `${originOf(url)}/health`);
    assert.equal(health.status, 200);
    assert.equal(health.body.status, "healthy");
  });
});
