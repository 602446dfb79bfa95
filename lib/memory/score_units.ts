/**
 * The retriever's scoring pipeline: weighted BM25, pseudo-relevance feedback, neighbouring-turn
 * smoothing, speaker and temporal boosts.
 *
 * @module
 */

import { idf, scoreBm25 } from "./bm25_index.ts";
import type { Memory } from "./memory_types.ts";
import { isTemporalQuestion, mentionedSpeakers } from "./query_cues.ts";
import { analyze, words } from "../text/mod.ts";

/** Every knob of the scoring pipeline (see `RetrieveOptions` for meanings and defaults). */
export interface ScoringConfig {
  /** BM25 term-frequency saturation. */
  k1: number;
  /** BM25 length normalisation. */
  b: number;
  /** Weight of a question term that names a speaker (other terms weigh 1). */
  speakerTermWeight: number;
  /** Pseudo-relevance feedback: number of top units read (0 disables it). */
  feedbackUnits: number;
  /** Pseudo-relevance feedback: number of expansion terms added. */
  feedbackTerms: number;
  /** Pseudo-relevance feedback: weight of the expansion terms relative to question terms. */
  feedbackWeight: number;
  /** Share of each neighbouring turn's score (same session) added to a unit's score. */
  neighbourWeight: number;
  /** How many turns on each side neighbour smoothing reaches (weight halves per extra turn). */
  neighbourWindow: number;
  /** Share of the best score in a unit's session added to the unit's score. */
  sessionWeight: number;
  /** Relative boost of units spoken by the one speaker the question names. */
  speakerBoost: number;
  /** Relative boost of units that mention a time, for questions that ask about time. */
  temporalBoost: number;
}

function questionTerms(memory: Memory, question: string, config: ScoringConfig) {
  const speakerTerms = new Set(
    memory.speakers.flatMap((s) => analyze(s, memory.analyzer)),
  );
  for (const w of words(question)) {
    // Short forms such as "Mel" for "Melanie" count as speaker terms too.
    if (memory.speakers.some((s) => w.length >= 3 && words(s)[0]?.startsWith(w))) {
      for (const t of analyze(w, memory.analyzer)) speakerTerms.add(t);
    }
  }
  const query = new Map<string, number>();
  for (const term of analyze(question, memory.analyzer)) {
    const weight = speakerTerms.has(term) ? config.speakerTermWeight : 1;
    query.set(term, (query.get(term) ?? 0) + weight);
  }
  return query;
}

function expandQuery(memory: Memory, query: Map<string, number>, config: ScoringConfig) {
  const first = scoreBm25(memory.index, query, config);
  const top = topIndices(first, config.feedbackUnits);
  if (top.length === 0) return query;
  const counts = new Map<string, number>();
  for (const unit of top) {
    for (const term of new Set(memory.index.documents[unit])) {
      if (!query.has(term)) counts.set(term, (counts.get(term) ?? 0) + 1);
    }
  }
  const candidates = [...counts].map(([term, n]) => [term, n * idf(memory.index, term)] as const)
    .filter(([, w]) => w > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, config.feedbackTerms);
  const maxWeight = candidates[0]?.[1] ?? 1;
  const meanQuery = [...query.values()].reduce((a, b) => a + b, 0) / Math.max(query.size, 1);
  const expanded = new Map(query);
  for (const [term, w] of candidates) {
    expanded.set(term, config.feedbackWeight * meanQuery * w / maxWeight);
  }
  return expanded;
}

/**
 * Scores every unit of `memory` for `question` (a score per unit, index = unit position).
 *
 * @example
 * ```ts ignore
 * const scores = scoreUnits(memory, "What did Caroline paint?", config);
 * ```
 */
export function scoreUnits(memory: Memory, question: string, config: ScoringConfig): Float64Array {
  let query = questionTerms(memory, question, config);
  if (config.feedbackUnits > 0 && config.feedbackTerms > 0 && config.feedbackWeight > 0) {
    query = expandQuery(memory, query, config);
  }
  const base = scoreBm25(memory.index, query, config);
  const units = memory.units;
  const named = mentionedSpeakers(question, memory.speakers);
  const scores = new Float64Array(base);
  if (config.neighbourWeight > 0) {
    for (let i = 0; i < units.length; i++) {
      const session = units[i]!.session;
      let w = config.neighbourWeight;
      for (let d = 1; d <= config.neighbourWindow; d++, w /= 2) {
        const prev = i - d >= 0 && units[i - d]!.session === session ? base[i - d]! : 0;
        const next = i + d < units.length && units[i + d]!.session === session ? base[i + d]! : 0;
        scores[i] = scores[i]! + w * (prev + next);
      }
    }
  }
  if (config.sessionWeight > 0) {
    const best = new Map<number, number>();
    units.forEach((u, i) => best.set(u.session, Math.max(best.get(u.session) ?? 0, base[i]!)));
    units.forEach((u, i) => {
      if (scores[i]! > 0) scores[i] = scores[i]! + config.sessionWeight * best.get(u.session)!;
    });
  }
  if (config.speakerBoost > 0 && named.length === 1) {
    for (let i = 0; i < units.length; i++) {
      if (units[i]!.speaker === named[0]) scores[i] = scores[i]! * (1 + config.speakerBoost);
    }
  }
  if (config.temporalBoost > 0 && isTemporalQuestion(question)) {
    for (let i = 0; i < units.length; i++) {
      if (units[i]!.mentionsTime) scores[i] = scores[i]! * (1 + config.temporalBoost);
    }
  }
  return scores;
}

/**
 * The indices of the `k` highest positive scores, best first; ties go to the lower index.
 *
 * @example
 * ```ts
 * import { topIndices } from "./score_units.ts";
 * topIndices(new Float64Array([0.5, 0, 2, 0.5]), 3); // [2, 0, 3]
 * ```
 */
export function topIndices(scores: Float64Array, k: number): number[] {
  const values: number[] = [];
  for (let i = 0; i < scores.length; i++) if (scores[i]! > 0) values.push(scores[i]!);
  if (values.length === 0 || k <= 0) return [];
  const positive = Float64Array.from(values);
  // Native numeric sort finds the k-th best score; only candidates at or above it get sorted.
  positive.sort();
  const threshold = positive[Math.max(positive.length - k, 0)]!;
  const candidates: number[] = [];
  for (let i = 0; i < scores.length; i++) if (scores[i]! >= threshold) candidates.push(i);
  candidates.sort((a, b) => scores[b]! - scores[a]! || a - b);
  return candidates.slice(0, k);
}
