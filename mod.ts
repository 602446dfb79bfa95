/**
 * memgrpo: train and evaluate a memory-augmented question-answering program on the LOCOMO
 * long-conversation benchmark with GRPO, against an Arbor RL server or the embedded
 * Arbor-compatible backend.
 *
 * This module re-exports the public API by name.
 *
 * @example Load a LOCOMO-shaped file and split it by conversation
 * ```ts
 * import { parseLocomo, splitLocomo } from "./mod.ts";
 *
 * const text = await Deno.readTextFile(new URL("./data/sample/mini_locomo.json", import.meta.url));
 * const dataset = parseLocomo(text, { file: "mini_locomo.json" });
 * const splits = splitLocomo(dataset, { trainRatio: 1 / 3, valRatio: 1 / 3, testRatio: 1 / 3 });
 * console.assert(splits.train.conversations.length === 1);
 * console.assert(dataset.questions.length === 13);
 * ```
 *
 * @module
 */

export type {
  Answer,
  Conversation,
  DatasetSource,
  LocomoDataset,
  Observation,
  Question,
  Session,
  SessionSummary,
  Turn,
} from "./lib/data/types.ts";
export {
  ANSWERABLE_CATEGORIES,
  CATEGORY_IDS,
  CATEGORY_MAPPING_NOTE,
  CATEGORY_NAMES,
  type CategoryId,
  categoryName,
  isCategoryId,
} from "./lib/data/categories.ts";
export {
  loadLocomo,
  type LoadLocomoOptions,
  normaliseEvidence,
  parseLocomo,
  type ParseLocomoOptions,
} from "./lib/data/load_locomo.ts";
export {
  LocomoFormatError,
  type LocomoFormatErrorFields,
  LocomoNotFoundError,
} from "./lib/data/errors.ts";
export { parseSessionDate } from "./lib/data/session_date.ts";
export {
  DEFAULT_LOCOMO_PATH,
  locateLocomo,
  type LocateLocomoOptions,
} from "./lib/data/locate_locomo.ts";
export {
  downloadLocomo,
  type DownloadLocomoOptions,
  type DownloadResult,
  LOCOMO_SHA256,
  LOCOMO_URL,
  LocomoDownloadError,
} from "./lib/data/download_locomo.ts";
export {
  type LocomoSplits,
  resolveSplitConfig,
  serializeSplit,
  SPLIT_FORMAT_VERSION,
  SPLIT_NAMES,
  type SplitConfig,
  type SplitExample,
  type SplitFile,
  splitLocomo,
  type SplitName,
  type SplitOptions,
  splitSizes,
} from "./lib/data/split_locomo.ts";
export {
  readSplit,
  readSplits,
  SplitFileError,
  splitPath,
  writeSplits,
} from "./lib/data/split_files.ts";
export { checkSplits, type SplitCounts, splitCounts } from "./lib/data/split_report.ts";
export { createRng, rngFromState, type RngState, type SeededRng } from "./lib/random/seeded_rng.ts";
export { type FileToWrite, writeFileAtomic, writeFilesAtomic } from "./lib/io/atomic_write.ts";
