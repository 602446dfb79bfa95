/**
 * Mapping a completion text back onto the policy's actions, so that its log-probability can be
 * computed for any completion a GRPO batch carries.
 *
 * @module
 */

import { type Candidate, normaliseAnswer } from "./candidates.ts";
import type { PolicyAction } from "./log_linear.ts";
import { isAbstention } from "../../text/mod.ts";

function tokenF1(a: readonly string[], b: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const t of b) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of a) {
    const n = counts.get(t) ?? 0;
    if (n > 0) {
      common++;
      counts.set(t, n - 1);
    }
  }
  if (common === 0) return 0;
  const p = common / a.length;
  const r = common / b.length;
  return (2 * p * r) / (p + r);
}

/**
 * The action a completion stands for: abstention; the candidates whose normalised text equals
 * it; else the candidates with the best token F1 if that reaches `minF1`; else `null` (out of
 * the policy's support). Abstention follows the official category-5 rule ("not mentioned" or
 * "no information available" anywhere in the text).
 */
export function matchCompletion(
  candidates: readonly Candidate[],
  completion: string,
  minF1: number,
): PolicyAction | null {
  if (typeof completion !== "string") return null;
  if (isAbstention(completion)) return { abstain: true };
  const key = normaliseAnswer(completion);
  if (key === "") return null;
  const exact = candidates.flatMap((c, i) => (c.key === key ? [i] : []));
  if (exact.length > 0) return { abstain: false, matches: exact };
  const tokens = key.split(" ");
  let best = 0;
  let matches: number[] = [];
  const scored = new Map<string, number>();
  candidates.forEach((c, i) => {
    let f1 = scored.get(c.key);
    if (f1 === undefined) scored.set(c.key, f1 = tokenF1(tokens, c.key.split(" ")));
    if (f1 > best) [best, matches] = [f1, [i]];
    else if (f1 === best && f1 > 0 && candidates[matches[0]!]!.key === c.key) matches.push(i);
  });
  return best >= minF1 && best > 0 ? { abstain: false, matches } : null;
}
