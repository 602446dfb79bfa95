/**
 * Selecting the best-scored positions of a score array, deterministically.
 *
 * @module
 */

/**
 * The indices of the `k` highest positive scores, best first; ties go to the lower index.
 *
 * @example
 * ```ts
 * import { topIndices } from "./top_indices.ts";
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
