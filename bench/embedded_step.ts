/**
 * Throughput of the embedded Arbor server's GRPO loop over HTTP, in-process, G = 8 (2025.11):
 * milliseconds per `/step` request and steps per second, plus the full iteration
 * (`/status` + 8 chat rollouts + `/step`). Uses the extractive policy when
 * `lib/embedded/mod.ts` (createDefaultPolicy) loads, else the test fake policy (printed either way).
 *
 * Run: `deno run -A bench/embedded_step.ts [--steps 200] [--warmup 10] [--policy extractive|fake]
 * [--lines 20]` (`--lines`: memory lines in the prompt).
 *
 * @module
 */

import { parseArgs } from "node:util";
// This bench measures internals: the embedded server's step route with a fake policy, fed
// prompts in the wire's prompt format.
import { type PolicyFactory, startEmbeddedServer } from "../lib/embedded/mod.ts";
import { MEMORY_HEADER, QUESTION_PREFIX } from "../lib/protocol/mod.ts";
import { createFakePolicy } from "../tests/fake_policy.ts";

const G = 8;
const { values } = parseArgs({
  args: Deno.args,
  options: {
    steps: { type: "string", default: "200" },
    warmup: { type: "string", default: "10" },
    policy: { type: "string", default: "extractive" },
    lines: { type: "string", default: "20" },
  },
});
const steps = Number(values.steps);
const warmup = Number(values.warmup);

async function loadFactory(): Promise<{ factory: PolicyFactory; kind: string }> {
  if (values.policy === "fake") return { factory: createFakePolicy, kind: "fake test policy" };
  const path = new URL("../lib/embedded/mod.ts", import.meta.url).href;
  try {
    const module = await import(path);
    return { factory: module.createDefaultPolicy, kind: "extractive policy (createDefaultPolicy)" };
  } catch (error) {
    return {
      factory: createFakePolicy,
      kind: `fake test policy (extractive policy not loadable: ${(error as Error).message})`,
    };
  }
}

// A synthetic memory prompt in the QA program's line format (invented text, not LOCOMO).
const NAMES = ["Ann", "Bo"];
const FACTS = [
  "adopted a grey cat called Pixel",
  "started a pottery class on Tuesdays",
  "went hiking near the lake with her cousin",
  "is saving up for a trip to Lisbon",
  "painted a sunrise over the harbour",
  "bought a second-hand piano",
  "ran a charity 10k in the rain",
  "planted tomatoes on the balcony",
];
const memory = Array.from(
  { length: Number(values.lines) },
  (_, i) =>
    `[D${1 + (i % 5)}:${i + 1} | ${1 + (i % 28)} May 2023] ${NAMES[i % 2]}: I ${
      FACTS[i % FACTS.length]
    }.`,
);
const messages = [
  { role: "system", content: "Answer the question from the memories. Reply with a short answer." },
  {
    role: "user",
    content: `${MEMORY_HEADER}\n${memory.join("\n")}\n\n${QUESTION_PREFIX}What did Ann adopt?`,
  },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

// deno-lint-ignore no-explicit-any
async function postJson(url: string, body: unknown): Promise<any> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

const { factory, kind } = await loadFactory();
const outputDir = await Deno.makeTempDir({ prefix: "bench_embedded_" });
const server = await startEmbeddedServer({ createPolicy: factory, outputDir });
try {
  const init = await postJson(`${server.url}fine_tuning/grpo/initialize`, {
    model: "bench/extractive",
    run_name: "bench",
    trainer_config: {
      num_generations: G,
      max_steps: steps + warmup + 5,
      learning_rate: 2e-5,
      beta: 0.04,
      temperature: 1.0,
      scale_rewards: true,
      max_seq_len: 2048,
    },
    inference_config: { model: "bench/extractive", max_seq_len: 2048 },
  });
  const jobId: string = init.job_id;
  const stepMs: number[] = [];
  const chatMs: number[] = [];
  const iterationMs: number[] = [];
  for (let i = 0; i < warmup + steps; i++) {
    const t0 = performance.now();
    await postJson(`${server.url}fine_tuning/grpo/status`, { job_id: jobId });
    const batch = [];
    for (let g = 0; g < G; g++) {
      const c0 = performance.now();
      const chat = await postJson(`${server.url}chat/completions`, {
        model: `arbor:${jobId}`,
        messages,
        temperature: 1,
        max_tokens: 16,
      });
      if (i >= warmup) chatMs.push(performance.now() - c0);
      const content: string = chat.choices[0].message.content;
      batch.push({
        messages,
        completion: { role: "assistant", content },
        reward: /cat|pixel/i.test(content) ? 1 : 0,
      });
    }
    const s0 = performance.now();
    await postJson(`${server.url}fine_tuning/grpo/step`, { job_id: jobId, model: jobId, batch });
    const s1 = performance.now();
    if (i >= warmup) {
      stepMs.push(s1 - s0);
      iterationMs.push(s1 - t0);
    }
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const sorted = [...stepMs].sort((a, b) => a - b);
  console.log(`embedded Arbor server bench — policy: ${kind}`);
  console.log(
    `G = ${G}, ${steps} measured steps after ${warmup} warm-up, ${memory.length} memory lines, ` +
      `dialect ${server.dialect}`,
  );
  console.log(
    `/step request: ${mean(stepMs).toFixed(2)} ms mean, ${
      percentile(sorted, 0.5).toFixed(2)
    } ms p50, ` +
      `${percentile(sorted, 0.95).toFixed(2)} ms p95 → ${(1000 / mean(stepMs)).toFixed(1)} steps/s`,
  );
  console.log(`chat rollout: ${mean(chatMs).toFixed(2)} ms mean per completion`);
  console.log(
    `full iteration (status + ${G} rollouts + step): ${mean(iterationMs).toFixed(2)} ms → ` +
      `${(1000 / mean(iterationMs)).toFixed(1)} iterations/s`,
  );
  const metrics = await (await fetch(`${server.url}fine_tuning/grpo/metrics?job_id=${jobId}`))
    .json();
  const rewards: number[] = metrics.steps.map((s: { reward_mean: number }) => s.reward_mean);
  console.log(
    `mean group reward: first 20 steps ${mean(rewards.slice(0, 20)).toFixed(3)}, ` +
      `last 20 steps ${mean(rewards.slice(-20)).toFixed(3)} (synthetic prompt, reward "cat")`,
  );
} finally {
  await server.close();
  await Deno.remove(outputDir, { recursive: true });
}
