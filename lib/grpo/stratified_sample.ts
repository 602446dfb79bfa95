/**
 * Seeded, category-stratified orders and samples of examples (never a prefix of the file).
 *
 * @module
 */

import { createRng } from "../random/mod.ts";

/**
 * How items are stratified and shuffled: `key` gives an item's stratum (e.g. its category),
 * `seed` seeds the shuffles. Both required.
 */
export type StratifyOptions<T> = { key: (item: T) => number | string; seed: number };

/**
 * Orders items so that every prefix has (up to rounding) the same category mix as the whole:
 * each category is shuffled with the seed, then categories are interleaved by largest deficit.
 * A pure function of the items, their order and the seed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stratifiedOrder } from "./stratified_sample.ts";
 * const items = [1, 1, 1, 2, 2, 3].map((category, i) => ({ id: i, category }));
 * const order = stratifiedOrder(items, { key: (x) => x.category, seed: 7 });
 * // Every category shows up within the first four, in proportion to its size.
 * assert.deepEqual(order.map((x) => x.category), [1, 2, 1, 3, 2, 1]);
 * ```
 */
export function stratifiedOrder<T>(items: readonly T[], options: StratifyOptions<T>): T[] {
  const { key, seed } = options;
  const rng = createRng(seed);
  const groups = new Map<number | string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k) ?? [];
    list.push(item);
    groups.set(k, list);
  }
  const keys = [...groups.keys()].sort((a, b) => String(a).localeCompare(String(b)));
  const queues = keys.map((k) => rng.shuffle(groups.get(k)!));
  const taken = keys.map(() => 0);
  const out: T[] = [];
  for (let i = 0; i < items.length; i++) {
    let best = -1;
    let bestDeficit = -Infinity;
    queues.forEach((q, c) => {
      if (taken[c]! >= q.length) return;
      const deficit = (q.length / items.length) * (i + 1) - taken[c]!;
      if (deficit > bestDeficit + 1e-12) {
        bestDeficit = deficit;
        best = c;
      }
    });
    out.push(queues[best]![taken[best]!]!);
    taken[best]!++;
  }
  return out;
}

/**
 * A fixed, seeded, category-stratified sample of `n` items (all items when `n` ≥ their count).
 *
 * @throws {RangeError} when `n` is negative or not an integer.
 */
export function stratifiedSample<T>(
  items: readonly T[],
  n: number,
  options: {
    /** The stratum of an item (e.g. its category). Required. */
    key: (item: T) => number | string;
    /** The seed of the shuffles. Required. */
    seed: number;
  },
): T[] {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`sample size must be a non-negative integer, got ${n}`);
  }
  return stratifiedOrder(items, options).slice(0, n);
}

/**
 * The examples of training step `step` (1-based): consecutive windows of `options.k` over a sequence of
 * epochs, each epoch a fresh stratified order seeded by (`seed`, epoch). Stateless: the batch of
 * a step depends only on its number, so a resumed run sees the same batches.
 *
 * @throws {RangeError} when `step` < 1, `k` < 1 or there are no items.
 */
export function stepBatch<T>(
  items: readonly T[],
  step: number,
  options: StratifyOptions<T> & { k: number },
): T[] {
  const { k, key, seed } = options;
  if (items.length === 0) throw new RangeError("no training examples to sample from");
  if (!Number.isSafeInteger(step) || step < 1) {
    throw new RangeError(`step must be ≥ 1, got ${step}`);
  }
  if (!Number.isSafeInteger(k) || k < 1) throw new RangeError(`k must be ≥ 1, got ${k}`);
  const out: T[] = [];
  const epochs = new Map<number, T[]>();
  for (let pos = (step - 1) * k; pos < step * k; pos++) {
    const epoch = Math.floor(pos / items.length);
    let order = epochs.get(epoch);
    if (!order) {
      order = stratifiedOrder(items, { key, seed: seed * 1_000_003 + epoch });
      epochs.set(epoch, order);
    }
    out.push(order[pos % items.length]!);
  }
  return out;
}

/** A setting whose value was more than the data has, and what was used. */
export interface CappedValue {
  /** The flag, e.g. `--num-train`. */
  flag: string;
  /** The value asked for. */
  asked: number;
  /** The value used. */
  used: number;
  /** Why. */
  reason: string;
}

/**
 * The training and validation examples of a run (GRPO training or prompt optimisation): seeded
 * samples stratified by category, `numTrain` from the train split (seed `seed`) and `numVal`
 * from the val split (seed `seed + 1`), each capped at its split's size; `capped` lists the
 * values that were, for a log line and the run records.
 */
export function trainValSamples<T extends { category: number }>(
  splits: { train: { examples: readonly T[] }; val: { examples: readonly T[] } },
  options: { numTrain: number; numVal: number; seed: number },
): { train: T[]; val: T[]; capped: CappedValue[] } {
  const key = (e: T) => e.category;
  const take = (pool: readonly T[], n: number, seed: number) =>
    stratifiedSample(pool, Math.min(n, pool.length), { key, seed });
  const train = take(splits.train.examples, options.numTrain, options.seed);
  const val = take(splits.val.examples, options.numVal, options.seed + 1);
  const capped = [
    { flag: "--num-train", asked: options.numTrain, used: train.length, split: "train" },
    { flag: "--num-val", asked: options.numVal, used: val.length, split: "val" },
  ].filter((c) => c.used < c.asked).map(({ split, ...c }) => ({
    ...c,
    reason: `the ${split} split has ${c.used} questions`,
  }));
  return { train, val, capped };
}
