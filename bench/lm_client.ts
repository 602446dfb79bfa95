/**
 * Overhead of the LM client per call against the local OpenAI-compatible test server: p50/p95
 * milliseconds per call and calls per second at concurrency 1 and 8, next to plain `fetch` of
 * the same request (the difference is the client's own cost: SDK, checks, accounting, limiter).
 *
 * Run: `deno run -A bench/lm_client.ts` (optional argument: calls per measurement, default 1000).
 *
 * @module
 */

import { type ChatMessage, createLmClient } from "../mod.ts";
import { startOpenAiTestServer } from "../tests/openai_test_server.ts";

const CALLS = Number(Deno.args[0] ?? 1000);
const MESSAGES: ChatMessage[] = [
  { role: "system", content: "Answer the question from the memories." },
  { role: "user", content: "Memories:\n[D1:3 2023-05-08] I moved to Lisbon.\nQuestion: Where?" },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

async function measure(
  label: string,
  concurrency: number,
  call: () => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < 100; i++) await call(); // warm-up
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < CALLS) {
      next++;
      const t = performance.now();
      await call();
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(12)} concurrency ${String(concurrency).padStart(2)}: ` +
      `p50 ${percentile(latencies, 0.5).toFixed(3)} ms, p95 ${
        percentile(latencies, 0.95).toFixed(3)
      } ms, ${(CALLS / seconds).toFixed(0)} calls/s`,
  );
}

await using server = startOpenAiTestServer();
const body = JSON.stringify({ model: "bench-model", messages: MESSAGES, temperature: 0 });
const rawFetch = async () => {
  const response = await fetch(`${server.baseUrl}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer bench" },
    body,
  });
  await response.json();
};

console.log(`LM client overhead, ${CALLS} calls per line, local test server (${Deno.build.os})`);
for (const concurrency of [1, 8]) {
  const lm = createLmClient({
    baseUrl: server.baseUrl,
    model: "bench-model",
    apiKey: "bench",
    concurrency,
  });
  await measure("plain fetch", concurrency, rawFetch);
  await measure("lm.chat()", concurrency, () => lm.chat(MESSAGES));
  lm.close();
}
