/**
 * Argument checks shared by the memory functions: they throw `RangeError`s that name the option
 * and its value.
 *
 * @module
 */

/**
 * Returns `value` when it is an integer ≥ `min`.
 *
 * @throws {RangeError} otherwise (NaN, infinities and fractions included).
 */
export function checkInteger(name: string, value: number, min: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer ≥ ${min}, got ${String(value)}`);
  }
  return value;
}

/**
 * Returns `value` when it is a finite number ≥ `min` (and ≤ `max` when given).
 *
 * @throws {RangeError} otherwise (NaN and infinities included).
 */
export function checkNumber(name: string, value: number, min: number, max = Infinity): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    const range = max === Infinity ? `≥ ${min}` : `in [${min}, ${max}]`;
    throw new RangeError(`${name} must be a finite number ${range}, got ${String(value)}`);
  }
  return value;
}
