/**
 * GPU id lists as the seed guide and `arbor.yaml` write them: `"0"`, `"1,2"`, `"1, 2"`.
 *
 * @module
 */

/**
 * Parses a comma-separated GPU id list such as `"0"` or `"1,2"` (spaces around ids allowed).
 * A YAML number (`gpu_ids: 0`) or a list of numbers (later Arbor releases) is accepted too.
 * `what` names the value in error messages (e.g. `"--training-gpus"`).
 *
 * @throws {RangeError} when the list is empty, an id is not a non-negative integer, or an id
 *   repeats.
 * @throws {TypeError} when `value` is not a string, number or array.
 * @example
 * ```ts
 * parseGpuIds("1, 2", "--training-gpus"); // [1, 2]
 * ```
 */
export function parseGpuIds(value: unknown, what: string): number[] {
  let parts: string[];
  if (typeof value === "string") parts = value.split(",").map((p) => p.trim());
  else if (typeof value === "number") parts = [String(value)];
  else if (Array.isArray(value)) parts = value.map((v) => String(v).trim());
  else {
    throw new TypeError(
      `${what} must be a comma-separated list of GPU ids such as "1,2"; got ${
        JSON.stringify(value) ?? String(value)
      }`,
    );
  }
  if (parts.length === 0 || parts.every((p) => p === "")) {
    throw new RangeError(`${what} must name at least one GPU id (e.g. "0"); got an empty list`);
  }
  const ids = parts.map((part) => {
    if (!/^\d+$/.test(part) || !Number.isSafeInteger(Number(part))) {
      throw new RangeError(
        `${what} must hold non-negative integer GPU ids separated by commas; ` +
          `${JSON.stringify(part)} in ${JSON.stringify(value)} is not one`,
      );
    }
    return Number(part);
  });
  const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
  if (repeated !== undefined) {
    throw new RangeError(`${what} lists GPU ${repeated} twice in ${JSON.stringify(value)}`);
  }
  return ids;
}

/** Formats ids the way Arbor 0.2.1 reads them (a string copied to `CUDA_VISIBLE_DEVICES`). */
export function formatGpuIds(ids: readonly number[]): string {
  return ids.join(",");
}

/**
 * Checks that the inference and training GPU sets do not overlap (Arbor needs separate GPUs
 * for vLLM and the trainer).
 *
 * @throws {RangeError} naming the shared ids.
 */
export function assertDisjointGpus(
  inference: readonly number[],
  training: readonly number[],
): void {
  const shared = inference.filter((id) => training.includes(id));
  if (shared.length > 0) {
    throw new RangeError(
      `inference GPUs [${inference.join(",")}] and training GPUs [${training.join(",")}] ` +
        `overlap on GPU ${shared.join(",")}; Arbor needs separate GPUs for inference and training`,
    );
  }
}
