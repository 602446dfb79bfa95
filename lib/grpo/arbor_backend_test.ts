import assert from "node:assert/strict";
import type { ArborClient } from "../arbor/mod.ts";
import { arborBackend } from "./arbor_backend.ts";

/** Just enough of a HEAD client for `submitGroup`. */
function stubClient(): ArborClient {
  let sent = 0;
  return {
    dialect: "2025.11",
    baseUrl: "http://arbor.test/v1/",
    jobId: "job-1",
    pendingBatchIds: () => Promise.resolve([sent]),
    step: () => {
      sent += 1;
      return Promise.resolve({});
    },
  } as unknown as ArborClient;
}

const GROUP = [0, 1].map((i) => ({
  messages: [{ role: "user" as const, content: "q" }],
  completion: { role: "assistant" as const, content: `a${i}` },
  reward: i,
}));

Deno.test("arborBackend(): a server without the metrics route (404) gives no figures, asked once", async () => {
  const urls: string[] = [];
  const backend = arborBackend(stubClient(), {
    fetch: (input) => {
      urls.push(String(input));
      return Promise.resolve(new Response('{"detail":"Not Found"}', { status: 404 }));
    },
  });
  for (let i = 0; i < 3; i++) {
    assert.deepEqual(await backend.submitGroup(GROUP, {}), { batchId: i, serverMetrics: {} });
  }
  assert.deepEqual(urls, ["http://arbor.test/v1/fine_tuning/grpo/metrics?job_id=job-1"]);
});

Deno.test("arborBackend(): figures of the batch just sent come from the metrics route", async () => {
  const steps = [
    { batch_id: 0, loss: 0.5, kl: 0.01, grad_norm: 1.5 },
    { batch_id: 1, loss: 0.25, kl: 0.02, grad_norm: null },
  ];
  let calls = 0;
  const backend = arborBackend(stubClient(), {
    fetch: () => {
      calls += 1;
      // A 500 once: no figures for that group, but the route is asked again next time.
      if (calls === 1) return Promise.resolve(new Response("oops", { status: 500 }));
      return Promise.resolve(Response.json({ steps }));
    },
  });
  assert.deepEqual((await backend.submitGroup(GROUP, {})).serverMetrics, {});
  assert.deepEqual((await backend.submitGroup(GROUP, {})).serverMetrics, { loss: 0.25, kl: 0.02 });
  const off = arborBackend(stubClient(), {
    trainingStats: "off",
    fetch: () => Promise.reject(new Error("not called")),
  });
  assert.deepEqual((await off.submitGroup(GROUP, {})).serverMetrics, {});
});
