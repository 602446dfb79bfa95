/**
 * Shared helpers of the Arbor client tests: fast client options, fake groups, a driver that
 * sends N steps the way the GRPO loop will, and a stand-in lifecycle wrapper.
 *
 * @module
 */

import type { ArborClient, ArborClientOptions } from "../lib/arbor/mod.ts";
import type { GroupItem } from "../lib/protocol/mod.ts";
import {
  type RunningArborStandin,
  type StandinOptions,
  startArborStandin,
} from "./arbor_standin_server.ts";

/** Short timeouts so failure tests finish in well under a second each. */
export const FAST: ArborClientOptions = {
  pollIntervalMs: 5,
  idleTimeoutMs: 300,
  statusTimeoutMs: 250,
  stepTimeoutMs: 250,
  longTimeoutMs: 1000,
  maxRetries: 2,
  initialRetryDelayMs: 5,
  maxRetryDelayMs: 20,
  random: () => 0,
};

/** A group of `size` fake rollouts for step `step`. */
export function fakeGroup(size: number, step: number): GroupItem[] {
  return Array.from({ length: size }, (_, i) => ({
    messages: [
      { role: "system", content: "Answer from memory." },
      { role: "user", content: `question ${step}` },
    ],
    completion: { role: "assistant", content: `answer ${step}.${i}` },
    reward: i % 2,
  }));
}

/** Sends `steps` groups, one per pending id, as the GRPO loop does; returns the ids sent. */
export async function sendSteps(
  client: ArborClient,
  steps: number,
  signal?: AbortSignal,
): Promise<number[]> {
  const sent: number[] = [];
  while (sent.length < steps) {
    for (const batchId of await client.pendingBatchIds({ signal })) {
      if (sent.length === steps) break;
      await client.step(fakeGroup(client.settings!.numGenerations, sent.length), {
        batchId,
        metrics: { validation_score: 0.5 },
        signal,
      });
      sent.push(batchId);
    }
  }
  return sent;
}

/** Runs `fn` with a listening stand-in, always closing it. */
export async function withStandin(
  options: StandinOptions,
  fn: (standin: RunningArborStandin) => Promise<void>,
): Promise<void> {
  const standin = startArborStandin(options);
  try {
    await fn(standin);
  } finally {
    await standin.close();
  }
}
