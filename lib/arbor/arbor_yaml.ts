/**
 * `arbor.yaml`, the GPU layout file of `python -m arbor.cli serve --arbor-config arbor.yaml`
 * (Arbor 0.2.x): `inference: {gpu_ids}` and `training: {gpu_ids}`. Arbor 0.2.16 ignores these
 * keys (it detects GPUs itself), so writing the file is harmless there.
 *
 * @module
 */

import { parseYaml as parse, stringifyYaml as stringify } from "../deps.ts";
import { writeFileAtomic } from "../io/mod.ts";
import { assertDisjointGpus, formatGpuIds, parseGpuIds } from "./gpu_ids.ts";

/** The GPU layout `arbor.yaml` holds. */
export interface ArborYamlConfig {
  /** GPUs of the vLLM inference server (Arbor's `inference.gpu_ids`). */
  inferenceGpuIds: number[];
  /** GPUs of the trainer (Arbor's `training.gpu_ids`). */
  trainingGpuIds: number[];
}

/** What {@link ensureArborYaml} did. */
export interface EnsureArborYamlResult {
  /** The file's path. */
  path: string;
  /** `true` when the file was missing and has been written; `false` when it was left alone. */
  written: boolean;
  /** The layout the file now holds. */
  config: ArborYamlConfig;
  /** Whether the file's layout equals the requested one (always `true` when written). */
  matchesRequested: boolean;
}

/**
 * Builds a checked layout from GPU id lists such as `"0"` and `"1,2"`.
 *
 * @throws {RangeError} when a list is empty, holds a bad id, or the two lists overlap.
 * @example
 * ```ts
 * arborYamlConfig("0", "1,2"); // { inferenceGpuIds: [0], trainingGpuIds: [1, 2] }
 * ```
 */
export function arborYamlConfig(inferenceGpus: string, trainingGpus: string): ArborYamlConfig {
  const inferenceGpuIds = parseGpuIds(inferenceGpus, "inference GPU ids");
  const trainingGpuIds = parseGpuIds(trainingGpus, "training GPU ids");
  assertDisjointGpus(inferenceGpuIds, trainingGpuIds);
  return { inferenceGpuIds, trainingGpuIds };
}

/**
 * Renders the layout as YAML with string `gpu_ids` (Arbor 0.2.1 copies them verbatim into
 * `CUDA_VISIBLE_DEVICES` and counts GPUs as commas + 1).
 *
 * @throws {RangeError} when the two lists overlap or one is empty.
 */
export function formatArborYaml(config: ArborYamlConfig): string {
  if (config.inferenceGpuIds.length === 0 || config.trainingGpuIds.length === 0) {
    throw new RangeError("arbor.yaml needs at least one inference GPU and one training GPU");
  }
  assertDisjointGpus(config.inferenceGpuIds, config.trainingGpuIds);
  const doc = {
    inference: { gpu_ids: formatGpuIds(config.inferenceGpuIds) },
    training: { gpu_ids: formatGpuIds(config.trainingGpuIds) },
  };
  return "# GPU layout for `python -m arbor.cli serve --arbor-config arbor.yaml` (Arbor 0.2.x).\n" +
    stringify(doc, { defaultStringType: "QUOTE_SINGLE", defaultKeyType: "PLAIN" });
}

function section(doc: Record<string, unknown>, key: string, source: string): unknown {
  const value = doc[key];
  if (typeof value !== "object" || value === null || !("gpu_ids" in value)) {
    throw new TypeError(`${source}: missing "${key}.gpu_ids" (Arbor requires it)`);
  }
  return (value as Record<string, unknown>).gpu_ids;
}

/**
 * Parses `arbor.yaml` text. Other keys (e.g. `training.accelerate_config`) are allowed.
 * `source` names the file in error messages.
 *
 * @throws {SyntaxError} when the text is not YAML or not a mapping.
 * @throws {TypeError} when `inference.gpu_ids` or `training.gpu_ids` is missing.
 * @throws {RangeError} when an id list is empty or bad, or the lists overlap.
 */
export function parseArborYaml(text: string, source: string): ArborYamlConfig {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw new SyntaxError(`${source} is not valid YAML: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw new SyntaxError(`${source} must be a YAML mapping with "inference" and "training"`);
  }
  const record = doc as Record<string, unknown>;
  const inferenceGpuIds = parseGpuIds(
    section(record, "inference", source),
    `${source} inference.gpu_ids`,
  );
  const trainingGpuIds = parseGpuIds(
    section(record, "training", source),
    `${source} training.gpu_ids`,
  );
  assertDisjointGpus(inferenceGpuIds, trainingGpuIds);
  return { inferenceGpuIds, trainingGpuIds };
}

/** Reads and parses an `arbor.yaml` file (errors as {@link parseArborYaml}, or `NotFound`). */
export async function readArborYaml(path: string): Promise<ArborYamlConfig> {
  return parseArborYaml(await Deno.readTextFile(path), path);
}

/** Writes `arbor.yaml` atomically (temporary file, then rename), replacing any existing file. */
export async function writeArborYaml(path: string, config: ArborYamlConfig): Promise<void> {
  await writeFileAtomic(path, formatArborYaml(config));
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/**
 * Writes `arbor.yaml` when it is missing (as the seed's `train.py` did) and leaves an existing
 * file alone, reporting which happened and whether the existing layout matches `config`.
 *
 * @throws errors of {@link readArborYaml} when an existing file is unreadable or invalid.
 */
export async function ensureArborYaml(
  path: string,
  config: ArborYamlConfig,
): Promise<EnsureArborYamlResult> {
  let existing: ArborYamlConfig | null = null;
  try {
    existing = await readArborYaml(path);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  if (existing === null) {
    await writeArborYaml(path, config);
    return { path, written: true, config, matchesRequested: true };
  }
  const matchesRequested = sameIds(existing.inferenceGpuIds, config.inferenceGpuIds) &&
    sameIds(existing.trainingGpuIds, config.trainingGpuIds);
  return { path, written: false, config: existing, matchesRequested };
}
