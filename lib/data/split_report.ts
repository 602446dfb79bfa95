/**
 * Per-split, per-category counts and the integrity checks of a split.
 *
 * @module
 */

import { CATEGORY_IDS, CATEGORY_NAMES } from "./categories.ts";
import { type LocomoSplits, SPLIT_NAMES } from "./split_locomo.ts";
import type { Question } from "./types.ts";

/** Counts of one split (see {@link splitCounts}). */
export type SplitCounts = ReturnType<typeof splitCounts>[number];

/**
 * Per-split counts, in train/val/test order: the split's name, its numbers of conversations and
 * questions, and its questions per category name.
 */
export function splitCounts(splits: LocomoSplits): {
  split: string;
  conversations: number;
  questions: number;
  byCategory: Record<string, number>;
}[] {
  return SPLIT_NAMES.map((name) => {
    const s = splits[name];
    const byCategory: Record<string, number> = {};
    for (const c of CATEGORY_IDS) {
      byCategory[CATEGORY_NAMES[c]] = s.examples.filter((e) => e.category === c).length;
    }
    return {
      split: name,
      conversations: s.conversations.length,
      questions: s.examples.length,
      byCategory,
    };
  });
}

/**
 * Checks a split's integrity: no conversation in two splits, every example's conversation in its
 * split, every question id exactly once, and (when given) every expected question id present.
 *
 * @returns a list of problems; empty when the split is sound.
 */
export function checkSplits(splits: LocomoSplits, expectedIds?: readonly string[]): string[] {
  const problems: string[] = [];
  const owner = new Map<string, string>();
  const seen = new Set<string>();
  for (const name of SPLIT_NAMES) {
    const s = splits[name];
    const own = new Set(s.conversations);
    for (const c of s.conversations) {
      const prev = owner.get(c);
      if (prev) problems.push(`conversation ${c} is in both ${prev} and ${name}`);
      owner.set(c, name);
    }
    for (const e of s.examples) {
      if (!own.has(e.sampleId)) {
        problems.push(`${name} example ${e.id} belongs to ${e.sampleId}, not in ${name}`);
      }
      if (seen.has(e.id)) problems.push(`question ${e.id} appears more than once`);
      seen.add(e.id);
    }
  }
  for (const id of expectedIds ?? []) {
    if (!seen.has(id)) problems.push(`question ${id} is in no split`);
  }
  return problems;
}

/**
 * How much of a test set was visible during training: the test questions, those whose
 * conversation has a training question (`seenConversation`), and those with an evidence turn
 * that is also evidence of a training question (`seenEvidence`). A split by conversation has
 * neither; a random split by question has both.
 */
export function splitLeakage(
  split: {
    train: readonly Pick<Question, "sampleId" | "evidence">[];
    test: readonly Pick<Question, "sampleId" | "evidence">[];
  },
): { test: number; seenConversation: number; seenEvidence: number } {
  const conversations = new Set(split.train.map((q) => q.sampleId));
  const turn = (sampleId: string, diaId: string) => `${sampleId}/${diaId}`;
  const evidence = new Set(split.train.flatMap((q) => q.evidence.map((e) => turn(q.sampleId, e))));
  return {
    test: split.test.length,
    seenConversation: split.test.filter((q) => conversations.has(q.sampleId)).length,
    seenEvidence:
      split.test.filter((q) => q.evidence.some((e) => evidence.has(turn(q.sampleId, e))))
        .length,
  };
}
