/**
 * The one table of LOCOMO category ids and their names, used by every report.
 *
 * @module
 */

/** A raw LOCOMO category id. */
export type CategoryId = 1 | 2 | 3 | 4 | 5;

/** Every category id, in numeric order. */
export const CATEGORY_IDS: readonly CategoryId[] = [1, 2, 3, 4, 5];

/**
 * Names of the raw ids as used by the official code (snap-research/locomo). Note that mem0's
 * evaluation labels the ids differently (1 single-hop, 3 multi-hop, 4 open-domain).
 */
export const CATEGORY_NAMES: Readonly<Record<CategoryId, string>> = {
  1: "multi-hop",
  2: "temporal",
  3: "open-domain",
  4: "single-hop",
  5: "adversarial",
};

/** The sentence every report prints to say which mapping it uses. */
export const CATEGORY_MAPPING_NOTE: string =
  "Category names follow the official LOCOMO ids (snap-research/locomo): 1 multi-hop, " +
  "2 temporal, 3 open-domain, 4 single-hop, 5 adversarial (mem0's tables label 1, 3, 4 differently).";

/** Categories with a gold answer (1–4); category 5 asks the model to abstain. */
export const ANSWERABLE_CATEGORIES: readonly CategoryId[] = [1, 2, 3, 4];

/** Whether `value` is a LOCOMO category id. */
export function isCategoryId(value: unknown): value is CategoryId {
  return value === 1 || value === 2 || value === 3 || value === 4 || value === 5;
}

/**
 * The name of a category id, e.g. `categoryName(2) === "temporal"`.
 *
 * @throws {RangeError} when `id` is not 1–5.
 */
export function categoryName(id: number): string {
  if (!isCategoryId(id)) throw new RangeError(`Unknown LOCOMO category id: ${id} (expected 1–5)`);
  return CATEGORY_NAMES[id];
}
