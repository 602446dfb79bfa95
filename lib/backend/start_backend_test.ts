import assert from "node:assert/strict";
import { join } from "node:path";
import {
  ArborProtocolError,
  ArborUnavailableError,
  createArborClient,
  withArborJob,
} from "../arbor/mod.ts";
import { arborBackend, resolveTrainConfig, trainerSettingsFor } from "../grpo/mod.ts";
import { createFakePolicy } from "../../tests/fake_policy.ts";
import { startBackend } from "./start_backend.ts";

function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

async function refused(url: string): Promise<boolean> {
  try {
    const response = await fetch(url);
    await response.body?.cancel();
    return false;
  } catch (error) {
    return error instanceof TypeError;
  }
}

for (const dialect of ["2025.11", "2025.06"] as const) {
  Deno.test(`startBackend("embedded", ${dialect}): its base URL answers; close frees it`, async () => {
    const outputDir = await Deno.makeTempDir({ prefix: "memgrpo_backend_" });
    try {
      const lines: string[] = [];
      const backend = await startBackend("embedded", {
        dialect,
        outputDir,
        createPolicy: createFakePolicy,
        log: (line) => lines.push(line),
      });
      assert.equal(backend.kind, "embedded");
      assert.equal(backend.dialect, dialect);
      assert.match(backend.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/v1\/$/);
      assert.deepEqual(backend.modelNames, []);
      assert.deepEqual(lines, [
        `Embedded Arbor-compatible server (${dialect}) at ${backend.baseUrl}`,
      ]);
      const models = await fetch(new URL("models", backend.baseUrl));
      assert.equal(models.status, 200);
      assert.equal((await models.json()).object, "list");
      const spec = await fetch(new URL("/openapi.json", backend.baseUrl));
      assert.ok("/v1/fine_tuning/grpo/initialize" in (await spec.json()).paths);
      const routes = await backend.routes();
      assert.ok(routes.every((r) => r.path.startsWith("/v1/") && /^[A-Z]+$/.test(r.method)));
      assert.ok(routes.some((r) => r.method === "POST" && r.path === "/v1/chat/completions"));
      assert.ok(routes.some((r) => r.path === "/v1/fine_tuning/grpo/initialize"));
      await backend.close();
      await backend.close(); // safe twice
      assert.ok(await refused(new URL("models", backend.baseUrl).href), "the port is freed");
    } finally {
      await Deno.remove(outputDir, { recursive: true });
    }
  });

  Deno.test(`the GRPO backend reads loss and KL over HTTP from the embedded ${dialect} server`, async () => {
    const outputDir = await Deno.makeTempDir({ prefix: "memgrpo_backend_" });
    try {
      await using backend = await startBackend("embedded", {
        dialect,
        outputDir,
        createPolicy: createFakePolicy,
      });
      const client = await createArborClient(backend.baseUrl, { dialect: backend.dialect });
      await withArborJob(client, async (signal) => {
        await client.initialize(
          trainerSettingsFor(resolveTrainConfig({ numTrainSteps: 1 })),
          { signal },
        );
        const grpo = arborBackend(client, { signal });
        const size = client.settings!.numGenerations;
        for (let step = 0; step < 2; step++) {
          const sent = await grpo.submitGroup(
            Array.from({ length: size }, (_, i) => ({
              messages: [{ role: "user" as const, content: `question ${step}` }],
              completion: { role: "assistant" as const, content: `question ${i}` },
              reward: i % 2,
            })),
            { validation_score: 0.5 },
          );
          assert.equal(sent.batchId, dialect === "2025.11" ? step : null);
          for (const key of ["loss", "kl", "grad_norm"]) {
            assert.equal(typeof sent.serverMetrics[key], "number", `${key} at step ${step}`);
          }
        }
      });
    } finally {
      await Deno.remove(outputDir, { recursive: true });
    }
  });
}

Deno.test('startBackend("arbor") with no server fails fast, naming the URL', async () => {
  const url = `http://127.0.0.1:${closedPort()}/v1/`;
  const started = performance.now();
  const error = await startBackend("arbor", { baseUrl: url }).catch((e) => e);
  assert.ok(performance.now() - started < 3000, "within 3 s");
  assert.ok(error instanceof ArborUnavailableError);
  assert.equal(error.baseUrl, url);
  assert.match(error.message, new RegExp(`^No Arbor server found at ${url.replace(/\./g, "\\.")}`));
});

Deno.test('startBackend("arbor") writes a missing arbor.yaml, finds the server, and close is a no-op', async () => {
  const dir = await Deno.makeTempDir({ prefix: "memgrpo_backend_" });
  try {
    // The embedded server stands in for a running Arbor (it speaks the same wire).
    await using server = await startBackend("embedded", {
      outputDir: dir,
      createPolicy: createFakePolicy,
    });
    const lines: string[] = [];
    const yaml = join(dir, "arbor.yaml");
    const arbor = await startBackend("arbor", {
      baseUrl: server.baseUrl.replace(/\/v1\/$/, ""),
      arborYaml: { path: yaml, inferenceGpus: "0", trainingGpus: "1,2" },
      log: (line) => lines.push(line),
    });
    assert.equal(arbor.kind, "arbor");
    assert.equal(arbor.baseUrl, server.baseUrl);
    assert.equal(arbor.dialect, "2025.11");
    assert.deepEqual(lines, [`Wrote ${yaml}.`, `Arbor server (2025.11) at ${server.baseUrl}`]);
    assert.ok((await Deno.stat(yaml)).isFile);
    assert.deepEqual(await arbor.routes(), await server.routes());
    await arbor.close();
    const models = await fetch(new URL("models", server.baseUrl));
    assert.equal(models.status, 200, "closing the Arbor backend leaves the server running");
    await models.body?.cancel();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("startBackend() refuses an unknown kind and an Arbor backend without a URL", async () => {
  await assert.rejects(
    startBackend("gpu" as "embedded"),
    (e: unknown) => e instanceof TypeError && /embedded, arbor; got "gpu"/.test(e.message),
  );
  await assert.rejects(
    startBackend("arbor", {} as { baseUrl: string }),
    (e: unknown) => e instanceof TypeError && /baseUrl/.test(e.message),
  );
});

Deno.test("Backend.routes() is empty without openapi.json and refuses a document without paths", async () => {
  const spec = { paths: { "/v1/fine_tuning/grpo/status": { post: {} } } };
  let reply: () => Response = () => Response.json(spec);
  const arbor = await startBackend("arbor", {
    baseUrl: "http://arbor.test/v1/",
    fetch: () => Promise.resolve(reply()),
  });
  assert.deepEqual(await arbor.routes(), [
    { method: "POST", path: "/v1/fine_tuning/grpo/status", summary: "" },
  ]);
  reply = () => new Response("not found", { status: 404 });
  assert.deepEqual(await arbor.routes(), []);
  reply = () => Response.json({ openapi: "3.1.0" });
  await assert.rejects(arbor.routes(), ArborProtocolError);
});
