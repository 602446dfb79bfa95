/**
 * Turn-level retrieval recall, as in the LOCOMO paper.
 *
 * @module
 */

import { checkInteger } from "./check_options.ts";
import type { RetrievalTrace } from "./retrieval_trace.ts";

/**
 * Recall@k: the share of `evidence` dia_ids found among the first `options.k` dia_ids of the trace
 * (dia_ids, not units, so that a unit standing for many turns does not inflate it). Returns 1 when
 * `evidence` is empty (nothing to find).
 *
 * @example
 * ```ts ignore
 * const trace = retrieve(memory, "When did Caroline go to the support group?");
 * recallAt(trace, ["D1:3"], { k: 10 }); // 1 if D1:3 is among the first ten dia_ids
 * ```
 *
 * @throws {RangeError} when `k` is not an integer ≥ 1.
 */
export function recallAt(
  trace: Pick<RetrievalTrace, "diaIds">,
  evidence: readonly string[],
  options: { k?: number } = {},
): number {
  // Default k: every dia_id of the trace.
  const k = checkInteger("k", options.k ?? Math.max(1, trace.diaIds.length), 1);
  const wanted = new Set(evidence);
  if (wanted.size === 0) return 1;
  const found = trace.diaIds.slice(0, k).filter((id) => wanted.has(id));
  return new Set(found).size / wanted.size;
}
