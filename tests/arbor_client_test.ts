import assert from "node:assert/strict";
import { chatModelName, createArborClient, detectDialect, withArborJob } from "../lib/arbor/mod.ts";
import { createLmClient, LmRequestError, resolveTrainConfig } from "../mod.ts";
import { trainerSettingsFor } from "../lib/grpo/mod.ts";
import { fakeGroup, FAST, sendSteps, withStandin } from "./arbor_client_helpers.ts";

const SETTINGS = trainerSettingsFor(
  resolveTrainConfig({
    model: "openai/arbor:Qwen/Qwen2.5-3B",
    numTrainSteps: 10,
    examplesPerStep: 1,
  }),
);

for (const dialect of ["2025.11", "2025.06"] as const) {
  Deno.test(`detectDialect() recognises a ${dialect} server from /openapi.json`, async () => {
    await withStandin({ dialect }, async (standin) => {
      assert.equal(await detectDialect(standin.baseUrl, FAST), dialect);
    });
  });

  Deno.test(`createArborClient() runs 3 steps on a strict ${dialect} stand-in`, async () => {
    await withStandin({ dialect }, async (standin) => {
      const client = await createArborClient(standin.baseUrl, FAST);
      const sent = await withArborJob(client, async (signal) => {
        await client.initialize(SETTINGS, { signal });
        return await sendSteps(client, 3, signal);
      });
      assert.deepEqual(sent, [0, 1, 2]);
      const failed = standin.requests.filter((r) => !r.path.endsWith("openapi.json"))
        .filter((r) => r.handlerMs === 0);
      assert.deepEqual(failed, [], "every request reached a handler");
      const steps = standin.requestsTo("grpo/step");
      assert.equal(steps.length, 3);
      for (const step of steps) {
        assert.equal((step.body as { batch: unknown[] }).batch.length, SETTINGS.numGenerations);
      }
      assert.equal(standin.requestsTo("grpo/terminate").length, 1);
      assert.equal(client.state, "terminated");
    });
  });
}

Deno.test("detectDialect() falls back to GET /health for a mid-2025 server", async () => {
  await withStandin({ dialect: "2025.06", openapi: false, health: true }, async (standin) => {
    assert.equal(await detectDialect(standin.baseUrl, FAST), "2025.06");
  });
});

Deno.test("HEAD initialize sends max_seq_len and the seed's settings, accepted as is", async () => {
  await withStandin({ dialect: "2025.11" }, async (standin) => {
    const client = await createArborClient(standin.baseUrl, FAST);
    const status = await client.initialize(SETTINGS);
    const body = standin.requestsTo("grpo/initialize")[0]!.body as {
      trainer_config: Record<string, unknown>;
      inference_config: Record<string, unknown>;
    };
    assert.equal(body.trainer_config.max_seq_len, 4608);
    assert.equal(body.inference_config.max_seq_len, 4608);
    assert.deepEqual(body.trainer_config.lora_config, {
      r: 64,
      lora_alpha: 16,
      target_modules: ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"],
      lora_dropout: 0.05,
    });
    assert.equal(status.jobId, "grpo:qwen2.5-3b:brave-otter:20251117");
    assert.equal(chatModelName(client), "arbor:grpo:qwen2.5-3b:brave-otter:20251117");
    await client.terminate();
  });
});

Deno.test("mid-2025 client follows current_model and terminates without a body", async () => {
  await withStandin({ dialect: "2025.06" }, async (standin) => {
    const client = await createArborClient(standin.baseUrl, FAST);
    await client.initialize(SETTINGS);
    assert.equal(chatModelName(client), "arbor:Qwen/Qwen2.5-3B");
    await sendSteps(client, 1);
    assert.equal(
      chatModelName(client),
      "arbor:/standin/storage/models/grpo:qwen2.5-3b:memgrpo:20250613_101500",
    );
    const init = standin.requestsTo("grpo/initialize")[0]!.body as Record<string, unknown>;
    assert.equal(init.lora, true);
    assert.equal(init.max_context_length, 4608);
    await client.terminate();
    assert.equal(standin.requestsTo("grpo/terminate")[0]!.text, "");
  });
});

Deno.test("the strict stand-in rejects an unknown HEAD field with 422 and its loc", async () => {
  await withStandin({ dialect: "2025.11" }, async (standin) => {
    const response = await fetch(`${standin.baseUrl}fine_tuning/grpo/initialize`, {
      method: "POST",
      body: JSON.stringify({
        model: "m",
        trainer_config: { max_seq_len: 8, num_iterations: 1 },
        inference_config: { model: "m", max_seq_len: 8 },
      }),
    });
    assert.equal(response.status, 422);
    const { detail } = await response.json();
    assert.deepEqual(detail[0].loc, ["body", "trainer_config", "num_iterations"]);
    assert.equal(detail[0].type, "extra_forbidden");
  });
});

Deno.test("step() refuses an id already sent or not pending, without a request", async () => {
  await withStandin({ dialect: "2025.11" }, async (standin) => {
    const client = await createArborClient(standin.baseUrl, FAST);
    await withArborJob(client, async () => {
      await client.initialize(SETTINGS);
      const [first] = await client.pendingBatchIds();
      await client.step(fakeGroup(8, 0), { batchId: first! });
      await assert.rejects(client.step(fakeGroup(8, 0), { batchId: first! }), /already sent/);
      await assert.rejects(client.step(fakeGroup(8, 0), { batchId: 7 }), /7 is not pending/);
      await assert.rejects(client.step(fakeGroup(3, 0), { batchId: 1 }), /exactly .* = 8 items/);
    });
    assert.equal(standin.requestsTo("grpo/step").length, 1);
  });
});

Deno.test("a null chat reply from Arbor is an error for the LM client", async () => {
  await withStandin({ dialect: "2025.11", chatReply: null }, async (standin) => {
    const client = await createArborClient(standin.baseUrl, FAST);
    await withArborJob(client, async () => {
      await client.initialize(SETTINGS);
      const lm = createLmClient({
        baseUrl: client.baseUrl,
        model: chatModelName(client),
        maxRetries: 1,
        initialRetryDelayMs: 1,
        maxRetryDelayMs: 1,
        cacheDir: null,
      });
      await assert.rejects(lm.chat([{ role: "user", content: "hi" }]), LmRequestError);
      lm.close();
    });
  });
});
