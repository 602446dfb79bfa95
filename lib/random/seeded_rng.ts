/**
 * A seeded random number generator with saveable state (for reproducible splits, sampling and
 * resumable runs), built on `npm:pure-rand`'s xoroshiro128+.
 *
 * @module
 */

import {
  uniformFloat64,
  uniformInt,
  xoroshiro128plus,
  xoroshiro128plusFromState,
} from "../deps.ts";

/** The saveable state of a {@link SeededRng}. */
export type RngState = readonly number[];

/** A seeded generator. Every draw advances its state; `state()` can be saved and restored. */
export interface SeededRng {
  /** A float in [0, 1). */
  float(): number;
  /** An integer in [0, n). @throws {RangeError} when n is not a positive integer. */
  int(n: number): number;
  /** Shuffles a copy of `items` (Fisher–Yates) and returns it. */
  shuffle<T>(items: readonly T[]): T[];
  /** The current state, for {@link rngFromState}. */
  state(): number[];
}

function wrap(gen: ReturnType<typeof xoroshiro128plus>): SeededRng {
  const rng: SeededRng = {
    float: () => uniformFloat64(gen),
    int(n) {
      if (!Number.isInteger(n) || n <= 0) {
        throw new RangeError(`rng.int(n) needs a positive integer n, got ${n}`);
      }
      return uniformInt(gen, 0, n - 1);
    },
    shuffle(items) {
      const out = items.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
    state: () => [...gen.getState()],
  };
  return rng;
}

/**
 * Creates a generator from an integer seed.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createRng } from "./seeded_rng.ts";
 * const a = createRng(42), b = createRng(42);
 * assert.ok(a.float() === b.float());
 * ```
 *
 * @throws {RangeError} when `seed` is not a safe integer.
 */
export function createRng(seed: number): SeededRng {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  // xoroshiro128+ seeded with a small integer gives poor first draws (seed 42 starts at
  // 0.99999937): scramble the seed with a murmur3-style finaliser first.
  let h = (seed ^ Math.floor(seed / 2 ** 32)) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return wrap(xoroshiro128plus(h));
}

/** Restores a generator from {@link SeededRng.state}. */
export function rngFromState(state: RngState): SeededRng {
  return wrap(xoroshiro128plusFromState(state));
}
