/**
 * What a retrieval returns: the ranked units, their dia_ids and, when known, the evidence hit.
 *
 * @module
 */

import type { MemoryUnit } from "./memory_types.ts";
import type { ScoringConfig } from "./score_units.ts";

/** One retrieved unit with its score and 1-based rank. */
export interface RankedUnit {
  /** 1-based rank. */
  readonly rank: number;
  /** The retriever's score (higher is better). */
  readonly score: number;
  /** The unit. */
  readonly unit: MemoryUnit;
}

/** Which of a question's evidence dia_ids the trace found. */
export interface EvidenceHits {
  /** The evidence dia_ids (as given). */
  readonly ids: readonly string[];
  /** Evidence ids among the trace's `diaIds`, in rank order. */
  readonly hit: readonly string[];
  /** Evidence ids the trace missed. */
  readonly missed: readonly string[];
  /** `hit.length / ids.length` (1 when there is no evidence). */
  readonly recall: number;
}

/** The trace of one retrieval: what was retrieved, in what order, and why (scores). */
export interface RetrievalTrace {
  /** The memory's sample id. */
  readonly sampleId: string;
  /** The question asked. */
  readonly question: string;
  /** Units in rank order (at most `k`; units that scored 0 are left out). */
  readonly units: readonly RankedUnit[];
  /** The units' dia_ids in rank order, each once. */
  readonly diaIds: readonly string[];
  /** Sum of the units' token counts (their lines, with the memory's tokenizer). */
  readonly tokens: number;
  /** Evidence hits, when the caller passed the question's evidence. */
  readonly evidence: EvidenceHits | undefined;
  /** The scoring configuration used (for reproducing the ranking). */
  readonly config: ScoringConfig;
}
