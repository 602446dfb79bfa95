/**
 * The candidates an optimizer keeps: a program with its lineage and validation scores, the
 * categorical memory-configuration space it may search, and the per-example Pareto front GEPA
 * picks parents from.
 *
 * @module
 */

import type { SeededRng } from "../random/mod.ts";
import type { ContextMode, Program } from "../program/mod.ts";
import { meanOf } from "./score_batch.ts";

/** How a candidate was made. */
export type CandidateOrigin = "seed" | "reflection" | "memory" | "mipro";

/** A program in the pool, with its validation scores. */
export interface Candidate {
  /** 0 for the seed, then in order of creation. */
  id: number;
  /** The candidate it was derived from, or `null` for the seed (and MIPROv2 combinations). */
  parent: number | null;
  /** How it was made (see {@link CandidateOrigin}). */
  origin: "seed" | "reflection" | "memory" | "mipro";
  /** The program. */
  program: Program;
  /** Its score on each validation example, in validation order. */
  valScores: number[];
  /** Their mean. */
  valScore: number;
  /** Task-LM calls spent when it was validated (for the score-vs-calls curve). */
  metricCalls: number;
}

/** The memory configuration a search may change: the program's retrieval settings. */
export interface MemoryConfig {
  /** Context mode (`memory` or `full-context`; `oracle-evidence` reads the gold evidence). */
  context: ContextMode;
  /** Memory units retrieved per question. */
  k: number;
  /** Token cap of the memory lines. */
  memoryTokens: number;
}

/** The values searched for each memory setting (categorical, as in GEPA/MIPROv2 components). */
export const MEMORY_SPACE: Readonly<{
  context: readonly ContextMode[];
  k: readonly number[];
  memoryTokens: readonly number[];
}> = {
  context: ["memory", "full-context"],
  k: [3, 5, 10, 20, 40],
  memoryTokens: [500, 1_000, 2_000, 4_000],
};

/** The memory configuration of a program. */
export function memoryConfigOf(program: Program): MemoryConfig {
  return { context: program.context, k: program.k, memoryTokens: program.memoryTokens };
}

/** `program` with one memory setting changed to another value of {@link MEMORY_SPACE}. */
export function mutateMemory(program: Program, rng: SeededRng): Program {
  const keys = ["k", "memoryTokens", "context"] as const;
  const key = keys[rng.int(keys.length)]!;
  const values = (MEMORY_SPACE[key] as readonly (string | number)[]).filter((v) =>
    v !== program[key]
  );
  const value = values[rng.int(values.length)]!;
  return { ...program, [key]: value };
}

/** A short text of a program's memory configuration, e.g. `memory k=10 tokens=2000`. */
export function describeMemory(program: Program): string {
  return `${program.context} k=${program.k} tokens=${program.memoryTokens}`;
}

/** Builds a validated candidate. */
export function makeCandidate(
  fields: Omit<Candidate, "valScore">,
): Candidate {
  return { ...fields, valScore: meanOf(fields.valScores) };
}

/** Whether `a` dominates `b`: at least as good on every example and better on one. */
function dominates(a: Candidate, b: Candidate): boolean {
  let better = false;
  for (let i = 0; i < a.valScores.length; i++) {
    const x = a.valScores[i] ?? 0;
    const y = b.valScores[i] ?? 0;
    if (x < y) return false;
    if (x > y) better = true;
  }
  return better;
}

/**
 * The per-example Pareto front: for each validation example, the candidates that reach the best
 * score on it (ties included); candidates dominated by another are dropped. Returns each front
 * member's id with the number of examples it is best on.
 */
export function paretoFront(pool: readonly Candidate[]): Map<number, number> {
  const kept = pool.filter((c) => !pool.some((o) => o !== c && dominates(o, c)));
  const wins = new Map<number, number>();
  const n = pool[0]?.valScores.length ?? 0;
  for (let i = 0; i < n; i++) {
    const best = Math.max(...kept.map((c) => c.valScores[i] ?? 0));
    for (const c of kept) {
      if ((c.valScores[i] ?? 0) === best) wins.set(c.id, (wins.get(c.id) ?? 0) + 1);
    }
  }
  return wins;
}

/**
 * GEPA's parent choice: a candidate of the Pareto front, drawn with probability proportional to
 * the number of validation examples it is best on.
 *
 * @throws {RangeError} for an empty pool.
 */
export function selectParent(pool: readonly Candidate[], rng: SeededRng): Candidate {
  if (pool.length === 0) throw new RangeError("selectParent() needs a non-empty pool");
  const wins = [...paretoFront(pool)].sort((a, b) => a[0] - b[0]);
  const total = wins.reduce((n, [, w]) => n + w, 0);
  let pick = rng.float() * total;
  for (const [id, w] of wins) {
    pick -= w;
    if (pick < 0) return pool.find((c) => c.id === id)!;
  }
  return pool.find((c) => c.id === wins.at(-1)?.[0]) ?? pool[0]!;
}

/** The best candidate by mean validation score (the earliest on ties, so the seed wins ties). */
export function bestCandidate(pool: readonly Candidate[]): Candidate {
  return pool.reduce((best, c) => (c.valScore > best.valScore ? c : best));
}
