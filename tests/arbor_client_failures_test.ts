import assert from "node:assert/strict";
import {
  ArborHttpError,
  ArborRequestTimeoutError,
  ArborTimeoutError,
  createArborClient,
  withArborJob,
} from "../lib/arbor/mod.ts";
import { ArborUnavailableError, resolveTrainConfig } from "../mod.ts";
import { trainerSettingsFor } from "../lib/grpo/mod.ts";
import { FAST, sendSteps, withStandin } from "./arbor_client_helpers.ts";
import { startArborStandin } from "./arbor_standin_server.ts";

const SETTINGS = trainerSettingsFor(
  resolveTrainConfig({ model: "Qwen/Qwen2.5-3B", numTrainSteps: 10, examplesPerStep: 1 }),
);

Deno.test("createArborClient() with no server gives the exact 'No Arbor server' message", async () => {
  const standin = startArborStandin();
  const url = standin.baseUrl;
  await standin.close();
  const error = await createArborClient(url, FAST).catch((e) => e);
  assert.ok(error instanceof ArborUnavailableError);
  assert.equal(
    error.message,
    `No Arbor server found at ${url} — start one with ` +
      "`python -m arbor.cli serve --arbor-config arbor.yaml`, or use `--backend embedded`",
  );
});

for (const dialect of ["2025.11", "2025.06"] as const) {
  Deno.test(`a ${dialect} step answered 500 is not re-sent, and terminate still runs`, async () => {
    await withStandin({ dialect }, async (standin) => {
      const client = await createArborClient(standin.baseUrl, FAST);
      standin.faults.push({ path: "grpo/step", status: 500, body: "Internal Server Error" });
      const error = await withArborJob(client, async () => {
        await client.initialize(SETTINGS);
        await sendSteps(client, 2);
      }).catch((e) => e);
      assert.ok(error instanceof ArborHttpError, String(error));
      assert.equal(error.status, 500);
      assert.equal(standin.requestsTo("grpo/step").length, 1, "a 500 step is never re-sent");
      assert.equal(standin.requestsTo("grpo/terminate").length, 1);
    });
  });
}

Deno.test("status 500s are retried a bounded number of times, then reported", async () => {
  await withStandin({ dialect: "2025.11" }, async (standin) => {
    const client = await createArborClient(standin.baseUrl, FAST);
    standin.faults.push({ path: "grpo/status", status: 503, times: 1 });
    await withArborJob(client, async () => {
      await client.initialize(SETTINGS);
      assert.deepEqual(await client.pendingBatchIds(), [0, 1], "one 503 is retried through");
      standin.faults.push({ path: "grpo/status", status: 500, times: 100 });
      const error = await client.pendingBatchIds().catch((e) => e);
      assert.ok(error instanceof ArborHttpError);
      assert.equal(error.attempts, 3);
    });
    assert.equal(standin.requestsTo("grpo/status").length, 2 + 3);
    assert.equal(standin.requestsTo("grpo/terminate").length, 1);
  });
});

Deno.test("a 422 surfaces the server's field names and is not retried", async () => {
  await withStandin({ dialect: "2025.11" }, async (standin) => {
    const client = await createArborClient(standin.baseUrl, FAST);
    standin.faults.push({
      path: "grpo/initialize",
      status: 422,
      body: {
        detail: [{
          type: "extra_forbidden",
          loc: ["body", "trainer_config", "fp16"],
          msg: "Extra inputs are not permitted",
        }],
      },
    });
    const error = await withArborJob(client, () => client.initialize(SETTINGS)).catch((e) => e);
    assert.ok(error instanceof ArborHttpError);
    assert.match(error.message, /HTTP 422: body\.trainer_config\.fp16: Extra inputs/);
    assert.equal(standin.requestsTo("grpo/initialize").length, 1);
  });
});

Deno.test("a step that never answers times out once, is not re-sent, terminate runs", async () => {
  await withStandin({ dialect: "2025.11" }, async (standin) => {
    const client = await createArborClient(standin.baseUrl, FAST);
    standin.faults.push({ path: "grpo/step", delayMs: Infinity });
    const error = await withArborJob(client, async () => {
      await client.initialize(SETTINGS);
      await sendSteps(client, 1);
    }).catch((e) => e);
    assert.ok(error instanceof ArborRequestTimeoutError, String(error));
    assert.equal(error.attempts, 1);
    assert.equal(standin.requestsTo("grpo/step").length, 1);
    assert.equal(standin.requestsTo("grpo/terminate").length, 1);
  });
});

Deno.test("slow status replies are retried, then fail with a timeout error", async () => {
  await withStandin({ dialect: "2025.11" }, async (standin) => {
    const client = await createArborClient(standin.baseUrl, FAST);
    await client.initialize(SETTINGS);
    standin.faults.push({ path: "grpo/status", delayMs: Infinity, times: 3 });
    const error = await client.pendingBatchIds().catch((e) => e);
    assert.ok(error instanceof ArborRequestTimeoutError);
    assert.equal(error.attempts, 3);
    await client.terminate();
  });
});

Deno.test("a trainer that stops requesting data ends in ArborTimeoutError", async () => {
  await withStandin({ dialect: "2025.11" }, async (standin) => {
    const client = await createArborClient(standin.baseUrl, FAST);
    const error = await withArborJob(client, async () => {
      await client.initialize(SETTINGS);
      await sendSteps(client, 1);
      standin.trainer.stopped = true;
      await sendSteps(client, 3);
    }).catch((e) => e);
    assert.ok(error instanceof ArborTimeoutError, String(error));
    assert.match(error.message, /trainer is not requesting data \(no pending batch for 0\.\d s/);
    assert.equal(standin.requestsTo("grpo/terminate").length, 1);
  });
});

Deno.test("aborting the signal stops the run and still terminates the job", async () => {
  await withStandin({ dialect: "2025.11" }, async (standin) => {
    const client = await createArborClient(standin.baseUrl, { ...FAST, idleTimeoutMs: 60_000 });
    const stop = new AbortController();
    const run = withArborJob(client, async (signal) => {
      await client.initialize(SETTINGS, { signal });
      standin.trainer.stopped = true;
      setTimeout(() => stop.abort(), 30);
      await sendSteps(client, 1, signal);
    }, { signal: stop.signal });
    await assert.rejects(run, (e: Error) => e.name === "AbortError");
    assert.equal(standin.requestsTo("grpo/terminate").length, 1);
  });
});

Deno.test("a failing terminate does not hide the error that ended the run", async () => {
  await withStandin({ dialect: "2025.11" }, async (standin) => {
    const client = await createArborClient(standin.baseUrl, FAST);
    standin.faults.push({ path: "grpo/terminate", status: 500 });
    const seen: unknown[] = [];
    await assert.rejects(
      withArborJob(client, async () => {
        await client.initialize(SETTINGS);
        throw new Error("reward function crashed");
      }, { onTerminateError: (e) => seen.push(e) }),
      /reward function crashed/,
    );
    assert.equal(seen.length, 1);
    assert.ok(seen[0] instanceof ArborHttpError);
  });
});

Deno.test("a server that dies mid-run gives the 'No Arbor server' error, not a hang", async () => {
  const standin = startArborStandin({ dialect: "2025.11" });
  const client = await createArborClient(standin.baseUrl, FAST);
  await client.initialize(SETTINGS);
  await standin.close();
  await assert.rejects(client.pendingBatchIds(), ArborUnavailableError);
});
