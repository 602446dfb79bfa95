/**
 * The Arbor client's own overhead per GRPO step — one `pendingBatchIds()` (a `/status` poll)
 * plus one `step()` with a G = 8 group — excluding server time, in both dialects:
 *
 * 1. against the embedded server over HTTP: the client's time per step minus the time of the
 *    same two requests sent with bare `fetch` (same bodies, a second job, interleaved), i.e.
 *    what the client adds on top of HTTP + server;
 * 2. against the strict stand-in in-process (fetch injected, no network): the client's time per
 *    step minus the time spent in the stand-in's handler.
 *
 * Run: `deno run -A bench/arbor_client.ts [--steps 500] [--warmup 50] [--policy fake|extractive]`.
 * Goal: ≤ 5 ms per step.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { resolveTrainConfig } from "../mod.ts";
// This bench measures internals: the Arbor client and its initialize bodies (lib/arbor), the
// trainer settings of a run (lib/grpo) and the embedded server with a fake policy (lib/embedded).
import {
  type ArborClient,
  type ArborDialect,
  createArborClient,
  type TrainerSettings,
} from "../lib/arbor/mod.ts";
import { headInitializeBody, midInitializeBody } from "../lib/arbor/initialize_body.ts";
import { trainerSettingsFor } from "../lib/grpo/mod.ts";
import { type PolicyFactory, startEmbeddedServer } from "../lib/embedded/mod.ts";
import { fakeGroup } from "../tests/arbor_client_helpers.ts";
import { createArborStandin } from "../tests/arbor_standin_server.ts";
import { createFakePolicy } from "../tests/fake_policy.ts";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    steps: { type: "string", default: "500" },
    warmup: { type: "string", default: "50" },
    policy: { type: "string", default: "fake" },
  },
});
const STEPS = Number(values.steps);
const WARMUP = Number(values.warmup);
const GOAL_MS = 5;

async function policyFactory(): Promise<PolicyFactory> {
  if (values.policy !== "extractive") return createFakePolicy;
  const module = await import("../lib/embedded/mod.ts");
  return module.createDefaultPolicy;
}

function settingsFor(runName: string): TrainerSettings {
  const config = resolveTrainConfig({ model: "bench/policy", numTrainSteps: STEPS + WARMUP });
  return { ...trainerSettingsFor(config, { runName }), maxSteps: 10 * (STEPS + WARMUP) };
}

/** One GRPO step through the client; returns its wall time, ms. */
async function clientStep(client: ArborClient, step: number): Promise<number> {
  const t0 = performance.now();
  const [batchId] = await client.pendingBatchIds();
  await client.step(fakeGroup(8, step), { batchId: batchId!, metrics: { step } });
  return performance.now() - t0;
}

async function postJson(url: string, body: unknown): Promise<Record<string, unknown>> {
  const init: RequestInit = { method: "POST" };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { "content-type": "application/json" };
  }
  const response = await fetch(url, init);
  const json = await response.json();
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** The same requests as {@link clientStep} with bare fetch, on its own job. */
function bareStepper(
  baseUrl: string,
  dialect: ArborDialect,
): (step: number) => Promise<number> {
  const grpo = `${baseUrl}fine_tuning/grpo/`;
  let jobId = "";
  let sent = 0;
  return async (step) => {
    if (step < 0) {
      const settings = settingsFor("bench-bare");
      const body = dialect === "2025.11"
        ? headInitializeBody(settings)
        : midInitializeBody(settings);
      jobId = String((await postJson(`${grpo}initialize`, body)).job_id ?? "");
      return 0;
    }
    const t0 = performance.now();
    if (dialect === "2025.11") {
      const status = await postJson(`${grpo}status`, { job_id: jobId });
      const batchId = (status.pending_batch_ids as number[])[0];
      await postJson(`${grpo}step`, {
        job_id: jobId,
        model: jobId,
        batch_id: batchId,
        batch: fakeGroup(8, step),
        metrics: { step },
      });
    } else {
      await postJson(`${grpo}step`, { model: "bench/policy", batch: fakeGroup(8, sent++) });
    }
    return performance.now() - t0;
  };
}

async function embeddedOverhead(dialect: ArborDialect): Promise<string> {
  const outputDir = await Deno.makeTempDir({ prefix: "bench_arbor_client_" });
  const server = await startEmbeddedServer({
    createPolicy: await policyFactory(),
    dialect,
    outputDir,
  });
  try {
    // Mid-2025 has one global job: give the bare requests their own server.
    const bareServer = dialect === "2025.06"
      ? await startEmbeddedServer({ createPolicy: await policyFactory(), dialect, outputDir })
      : server;
    try {
      const client = await createArborClient(server.url);
      await client.initialize(settingsFor("bench-client"));
      const bare = bareStepper(bareServer.url, dialect);
      await bare(-1);
      let clientMs = 0;
      let bareMs = 0;
      for (let i = 0; i < WARMUP + STEPS; i++) {
        const c = await clientStep(client, i);
        const b = await bare(i);
        if (i >= WARMUP) {
          clientMs += c;
          bareMs += b;
        }
      }
      await client.terminate();
      const perClient = clientMs / STEPS;
      const perBare = bareMs / STEPS;
      return row(`embedded ${dialect} over HTTP`, perClient, perBare, "bare fetch");
    } finally {
      if (bareServer !== server) await bareServer.close();
    }
  } finally {
    await server.close();
    await Deno.remove(outputDir, { recursive: true });
  }
}

async function standinOverhead(dialect: ArborDialect): Promise<string> {
  const standin = createArborStandin({ dialect });
  standin.trainer.pendingAhead = 1;
  const client = await createArborClient("http://standin.invalid/v1/", {
    fetch: (input, init) => standin.handler(new Request(input, init)),
  });
  await client.initialize(settingsFor("bench-standin"));
  let clientMs = 0;
  let from = 0;
  for (let i = 0; i < WARMUP + STEPS; i++) {
    if (i === WARMUP) from = standin.requests.length;
    const c = await clientStep(client, i);
    if (i >= WARMUP) clientMs += c;
  }
  const handlerMs = standin.requests.slice(from).reduce((sum, r) => sum + r.handlerMs, 0);
  await client.terminate();
  return row(`stand-in ${dialect} in-process`, clientMs / STEPS, handlerMs / STEPS, "handler");
}

function row(label: string, total: number, server: number, serverLabel: string): string {
  const overhead = total - server;
  return `${label.padEnd(30)} client ${total.toFixed(3)} ms/step, ${serverLabel} ` +
    `${server.toFixed(3)} ms/step → client overhead ${overhead.toFixed(3)} ms/step ` +
    `(goal ≤ ${GOAL_MS} ms: ${overhead <= GOAL_MS ? "met" : "MISSED"})`;
}

console.log(
  `Arbor client overhead per GRPO step (status poll + step POST, G = 8), ` +
    `${STEPS} steps after ${WARMUP} warm-up, policy ${values.policy}:`,
);
for (const dialect of ["2025.11", "2025.06"] as const) {
  console.log(await embeddedOverhead(dialect));
  console.log(await standinOverhead(dialect));
}
