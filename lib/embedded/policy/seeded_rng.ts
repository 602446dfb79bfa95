/**
 * Seeded uniform numbers for sampling, on `npm:pure-rand`'s xoroshiro128+ (fast, with a state
 * that can be saved in a snapshot and restored).
 *
 * @module
 */

import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { xoroshiro128plus, xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";

/** A stateful source of uniform numbers in [0, 1). */
export interface SeededRng {
  /** The next uniform number in [0, 1). */
  next(): number;
  /** The generator's state (JSON), for {@link rngFromState}. */
  state(): number[];
}

function wrap(rng: ReturnType<typeof xoroshiro128plus>): SeededRng {
  return { next: () => uniformFloat64(rng), state: () => [...rng.getState()] };
}

/** A generator seeded with an integer (other numbers are truncated to 32 bits). */
export function seededRng(seed: number): SeededRng {
  return wrap(xoroshiro128plus(seed | 0));
}

/**
 * A generator restored from {@link SeededRng.state}.
 *
 * @throws {TypeError} when the state is not one pure-rand accepts.
 */
export function rngFromState(state: readonly number[]): SeededRng {
  try {
    return wrap(xoroshiro128plusFromState(state));
  } catch (cause) {
    throw new TypeError(`Invalid RNG state: ${JSON.stringify(state)}`, { cause });
  }
}
