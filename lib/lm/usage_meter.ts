/**
 * Running usage totals of an LM client.
 *
 * @module
 */

import type { LmUsage } from "./types.ts";

/** A zeroed {@link LmUsage}. */
export function emptyUsage(): LmUsage {
  return {
    calls: 0,
    cacheHits: 0,
    requests: 0,
    retries: 0,
    failures: 0,
    promptTokens: 0,
    completionTokens: 0,
    latencyMs: 0,
  };
}

/** The field-by-field sum of two usages (e.g. a policy client's and a judge client's). */
export function addUsage(a: LmUsage, b: LmUsage): LmUsage {
  const out = emptyUsage();
  for (const key of Object.keys(out) as (keyof LmUsage)[]) out[key] = a[key] + b[key];
  return out;
}
