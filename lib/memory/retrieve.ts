/**
 * Retrieving the memory units that answer a question, with a trace.
 *
 * @module
 */

import { checkInteger, checkNumber, type Memory } from "./memory_types.ts";
import { CATEGORY_IDS, categoryName, type Question } from "../data/mod.ts";
import {
  type EvidenceHits,
  type RankedUnit,
  recallAt,
  type RetrievalTrace,
} from "./retrieval_trace.ts";
import { scoreUnits, type ScoringConfig, topIndices } from "./score_units.ts";

/** Options of {@link retrieve}. */
export interface RetrieveOptions {
  /** How many units the trace keeps (integer ≥ 1). Default: 50. */
  k?: number;
  /** The question's evidence dia_ids, to record hits in the trace. Default: none. */
  evidence?: readonly string[];
  /** BM25 term-frequency saturation (≥ 0). Default: 0.9. */
  k1?: number;
  /** BM25 length normalisation in [0, 1]. Default: 0.4. */
  b?: number;
  /** Weight of question terms that name a speaker (≥ 0). Default: 1. */
  speakerTermWeight?: number;
  /**
   * Pseudo-relevance feedback: top units read (integer ≥ 0; 0 = off). Default: 0 (off: on
   * LOCOMO it lowered recall@10 by 1.4 points).
   */
  feedbackUnits?: number;
  /** Pseudo-relevance feedback: expansion terms (integer ≥ 0). Default: 10. */
  feedbackTerms?: number;
  /** Pseudo-relevance feedback: expansion weight (≥ 0). Default: 0.3. */
  feedbackWeight?: number;
  /** Share of neighbouring turns' scores added (≥ 0). Default: 0.5. */
  neighbourWeight?: number;
  /** Turns on each side reached by smoothing (integer ≥ 1). Default: 2. */
  neighbourWindow?: number;
  /** Share of the session's best score added (≥ 0). Default: 0.5. */
  sessionWeight?: number;
  /** Boost of the named speaker's units (≥ 0). Default: 0.2. */
  speakerBoost?: number;
  /** Boost of time-mentioning units for time questions (≥ 0). Default: 0.6. */
  temporalBoost?: number;
}

/**
 * The default scoring, tuned on LOCOMO conversations 1–5 and reported on all ten
 * (see `bench/retrieval.ts` for the ablation of each part).
 */
export const DEFAULT_SCORING: Readonly<ScoringConfig> = {
  k1: 0.9,
  b: 0.4,
  speakerTermWeight: 1,
  feedbackUnits: 0,
  feedbackTerms: 10,
  feedbackWeight: 0.3,
  neighbourWeight: 0.5,
  neighbourWindow: 2,
  sessionWeight: 0.5,
  speakerBoost: 0.2,
  temporalBoost: 0.6,
};

/** {@link RetrieveOptions} with every default filled in. */
export interface RetrieveConfig extends ScoringConfig {
  /** See {@link RetrieveOptions.k}. */
  k: number;
  /** See {@link RetrieveOptions.evidence}. */
  evidence: readonly string[] | undefined;
}

/**
 * Fills in and checks the defaults of {@link RetrieveOptions}.
 *
 * @throws {RangeError} when an option is out of range or NaN (e.g. `k` ≤ 0).
 */
export function resolveRetrieveOptions(options: RetrieveOptions = {}): RetrieveConfig {
  const d = DEFAULT_SCORING;
  return {
    k: checkInteger("k", options.k ?? 50, 1),
    evidence: options.evidence,
    k1: checkNumber("k1", options.k1 ?? d.k1, 0),
    b: checkNumber("b", options.b ?? d.b, 0, 1),
    speakerTermWeight: checkNumber(
      "speakerTermWeight",
      options.speakerTermWeight ?? d.speakerTermWeight,
      0,
    ),
    feedbackUnits: checkInteger("feedbackUnits", options.feedbackUnits ?? d.feedbackUnits, 0),
    feedbackTerms: checkInteger("feedbackTerms", options.feedbackTerms ?? d.feedbackTerms, 0),
    feedbackWeight: checkNumber("feedbackWeight", options.feedbackWeight ?? d.feedbackWeight, 0),
    neighbourWeight: checkNumber(
      "neighbourWeight",
      options.neighbourWeight ?? d.neighbourWeight,
      0,
    ),
    neighbourWindow: checkInteger(
      "neighbourWindow",
      options.neighbourWindow ?? d.neighbourWindow,
      1,
    ),
    sessionWeight: checkNumber("sessionWeight", options.sessionWeight ?? d.sessionWeight, 0),
    speakerBoost: checkNumber("speakerBoost", options.speakerBoost ?? d.speakerBoost, 0),
    temporalBoost: checkNumber("temporalBoost", options.temporalBoost ?? d.temporalBoost, 0),
  };
}

function evidenceHits(diaIds: readonly string[], evidence: readonly string[]): EvidenceHits {
  const found = new Set(diaIds);
  const ids = [...evidence];
  const hit = diaIds.filter((id) => ids.includes(id));
  const missed = ids.filter((id) => !found.has(id));
  const unique = new Set(ids).size;
  return { ids, hit, missed, recall: unique === 0 ? 1 : new Set(hit).size / unique };
}

/**
 * Retrieves the units of `memory` that best answer `question`, best first, with a trace.
 * Deterministic: ties are broken by chronological position. Units that score 0 are left out.
 *
 * @example
 * ```ts ignore
 * using memory = buildMemory(conversation);
 * const trace = retrieve(memory, "When did Caroline go to the LGBTQ support group?", {
 *   k: 10,
 *   evidence: ["D1:3"],
 * });
 * trace.diaIds[0]; // "D1:3"
 * trace.evidence?.recall; // 1
 * ```
 *
 * @throws {RangeError} on bad options (see {@link resolveRetrieveOptions}).
 */
export function retrieve(
  memory: Memory,
  question: string,
  options: RetrieveOptions = {},
): RetrievalTrace {
  const { k, evidence, ...scoring } = resolveRetrieveOptions(options);
  const scores = scoreUnits(memory, question, scoring);
  const units: RankedUnit[] = topIndices(scores, k).map((i, n) => ({
    rank: n + 1,
    score: scores[i]!,
    unit: memory.units[i]!,
  }));
  const diaIds = [...new Set(units.flatMap((r) => r.unit.diaIds))];
  return {
    sampleId: memory.sampleId,
    question,
    units,
    diaIds,
    tokens: units.reduce((sum, r) => sum + r.unit.tokens, 0),
    evidence: evidence === undefined ? undefined : evidenceHits(diaIds, evidence),
    config: scoring,
  };
}

/**
 * Mean recall@k of retrieval per category and over all questions with evidence: each question
 * is asked of its conversation's memory (`memoryOf(sampleId)`, `undefined` to skip it) and the
 * first `max(ks)` units retrieved once. One row per category with questions (in id order), then
 * `all`; `recall[j]` belongs to `ks[j]`.
 *
 * @throws {RangeError} when `ks` is empty or holds a k that is not an integer ≥ 1.
 */
export function recallByCategory(
  memoryOf: (sampleId: string) => Memory | undefined,
  questions: readonly Pick<Question, "sampleId" | "question" | "evidence" | "category">[],
  options: { ks: readonly number[] },
): { category: string; questions: number; recall: number[] }[] {
  const ks = options.ks;
  if (ks.length === 0) throw new RangeError("ks must hold at least one k");
  ks.forEach((k) => checkInteger("k", k, 1));
  const sums = new Map<string, { questions: number; recall: number[] }>();
  const add = (name: string, recall: number[]) => {
    const row = sums.get(name) ?? { questions: 0, recall: ks.map(() => 0) };
    row.questions++;
    recall.forEach((r, j) => row.recall[j]! += r);
    sums.set(name, row);
  };
  for (const q of questions) {
    const memory = memoryOf(q.sampleId);
    if (memory === undefined || q.evidence.length === 0) continue;
    const trace = retrieve(memory, q.question, { k: Math.max(...ks) });
    const recall = ks.map((k) => recallAt(trace, q.evidence, { k }));
    add(categoryName(q.category), recall);
    add("all", recall);
  }
  return [...CATEGORY_IDS.map(categoryName), "all"].flatMap((category) => {
    const row = sums.get(category);
    return row === undefined ? [] : [{
      category,
      questions: row.questions,
      recall: row.recall.map((r) => r / row.questions),
    }];
  });
}
