/**
 * How abstaining shapes an evaluation: adversarial questions (category 5) score 1 for an
 * abstention, so a system's "all" F1 can come mostly from abstaining. Rates of abstention on
 * answerable and adversarial questions, F1 on categories 1–4, and the note beside the tables.
 *
 * @module
 */

import type { ScoreSummary } from "../metrics/aggregate.ts";
import { isAbstention } from "../text/mod.ts";
import type { PredictionRow } from "./eval_types.ts";
import type { EvalSummary } from "./eval_summary.ts";

/** Shares of questions a system abstained on, answerable (1–4) and adversarial (5). */
export interface AbstentionRates {
  /** On categories 1–4, or `null` without such questions. */
  answerable: number | null;
  /** On category 5, or `null` without such questions. */
  adversarial: number | null;
}

/** The abstention rates of answered rows (failed rows are left out: they gave no answer). */
export function abstentionRates(rows: readonly PredictionRow[]): AbstentionRates {
  const rate = (group: readonly PredictionRow[]) =>
    group.length === 0
      ? null
      : group.filter((r) => isAbstention(r.prediction)).length / group.length;
  return {
    answerable: rate(rows.filter((r) => r.category !== 5)),
    adversarial: rate(rows.filter((r) => r.category === 5)),
  };
}

/**
 * The official F1 of categories 1–4 (the answerable questions), weighted by questions, or
 * `null` when the system has none. Adversarial questions (5) reward abstaining, so "all" can
 * rank a system that always abstains above one that answers.
 */
export function answerableMean(score: ScoreSummary): number | null {
  const answerable = score.byCategory.filter((c) => c.category !== 5);
  const count = answerable.reduce((n, c) => n + c.count, 0);
  return count === 0 ? null : answerable.reduce((sum, c) => sum + c.mean * c.count, 0) / count;
}

/**
 * One sentence per system whose overall F1 comes mostly from abstaining on adversarial
 * questions (category 5 gives more than half of its overall score), for beside the tables.
 */
export function abstentionNotes(summary: Pick<EvalSummary, "systems">): string[] {
  return summary.systems.flatMap((s) => {
    const adversarial = s.f1.byCategory.find((c) => c.category === 5);
    const total = s.f1.overall.mean * s.f1.overall.count;
    if (!adversarial || total <= 0) return [];
    const share = (adversarial.mean * adversarial.count) / total;
    if (share <= 0.5) return [];
    const answerable = answerableMean(s.f1);
    return [
      `${s.name}: ${(share * 100).toFixed(0)} % of its overall F1 comes from abstaining on ` +
      `adversarial questions (category 5: ${(adversarial.mean * 100).toFixed(1)}); on ` +
      `categories 1–4 it scores ${answerable === null ? "–" : (answerable * 100).toFixed(1)}. ` +
      "Compare systems on categories 1–4.",
    ];
  });
}
