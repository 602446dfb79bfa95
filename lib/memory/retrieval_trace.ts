/**
 * What a retrieval returns: the ranked units, their dia_ids and, when known, the evidence hit;
 * and turn-level recall of a trace, as in the LOCOMO paper.
 *
 * @module
 */

import { checkInteger, type MemoryUnit } from "./memory_types.ts";
import type { ScoringConfig } from "./score_units.ts";

/** One retrieved unit with its score and 1-based rank. */
export type RankedUnit = RetrievalTrace["units"][number];

/** Which of a question's evidence dia_ids the trace found. */
export type EvidenceHits = NonNullable<RetrievalTrace["evidence"]>;

/** The trace of one retrieval: what was retrieved, in what order, and why (scores). */
export interface RetrievalTrace {
  /** The memory's sample id. */
  readonly sampleId: string;
  /** The question asked. */
  readonly question: string;
  /**
   * Units in rank order with their 1-based rank and the retriever's score (higher is better); at
   * most `k`, units that scored 0 are left out.
   */
  readonly units: readonly {
    readonly rank: number;
    readonly score: number;
    readonly unit: MemoryUnit;
  }[];
  /** The units' dia_ids in rank order, each once. */
  readonly diaIds: readonly string[];
  /** Sum of the units' token counts (their lines, with the memory's tokenizer). */
  readonly tokens: number;
  /**
   * Which of the question's evidence dia_ids the trace found, when the caller passed them: `ids`
   * as given, those `hit` (in rank order) and `missed`, and `recall` = hit / ids (1 when there is
   * no evidence).
   */
  readonly evidence:
    | {
      readonly ids: readonly string[];
      readonly hit: readonly string[];
      readonly missed: readonly string[];
      readonly recall: number;
    }
    | undefined;
  /**
   * The scoring configuration used (for reproducing the ranking; internal to `lib/memory`).
   *
   * @ignore
   */
  readonly config: ScoringConfig;
}

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
