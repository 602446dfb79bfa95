/**
 * `numpy.mean` of float64 values, bit for bit: numpy sums with pairwise summation (blocks of up
 * to 128 values, eight partial sums) and then divides by the count.
 *
 * @module
 */

const BLOCK = 128;

function pairwiseSum(values: readonly number[], start: number, n: number): number {
  if (n < 8) {
    let sum = -0.0;
    for (let i = 0; i < n; i++) sum += values[start + i] as number;
    return sum;
  }
  if (n <= BLOCK) {
    const r = new Float64Array(8);
    for (let j = 0; j < 8; j++) r[j] = values[start + j] as number;
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let j = 0; j < 8; j++) r[j] = (r[j] as number) + (values[start + i + j] as number);
    }
    let sum = ((r[0]! + r[1]!) + (r[2]! + r[3]!)) + ((r[4]! + r[5]!) + (r[6]! + r[7]!));
    for (; i < n; i++) sum += values[start + i] as number;
    return sum;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwiseSum(values, start, half) + pairwiseSum(values, start + half, n - half);
}

/**
 * The arithmetic mean as `numpy.mean` computes it (pairwise summation, then one division).
 *
 * @throws {RangeError} when `values` is empty (numpy would return `nan` with a warning).
 */
export function numpyMean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("numpyMean() needs at least one value, got 0");
  return pairwiseSum(values, 0, values.length) / values.length;
}
