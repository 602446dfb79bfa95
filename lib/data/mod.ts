/**
 * The LOCOMO data: reading and validating `locomo10.json` (or a file of the same shape), the
 * question categories, the conversation-level train/val/test split and its files, and the
 * download of the official file.
 *
 * - Read: {@link loadLocomo} / {@link parseLocomo} → a {@link LocomoDataset} (malformed input
 *   throws {@link LocomoFormatError} naming the JSON path).
 * - Categories: {@link CATEGORY_IDS}, {@link categoryName}, {@link ANSWERABLE_CATEGORIES},
 *   {@link CATEGORY_MAPPING_NOTE}.
 * - Split by conversation: {@link splitLocomo}, {@link checkSplits}, {@link splitCounts}; the
 *   split files: {@link writeSplits}, {@link readSplits}; both at once: {@link loadSplitData}.
 * - Find or fetch the file: {@link locateLocomo}, {@link downloadLocomo}.
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
} from "./types.ts";
export {
  ANSWERABLE_CATEGORIES,
  CATEGORY_IDS,
  CATEGORY_MAPPING_NOTE,
  CATEGORY_NAMES,
  type CategoryId,
  categoryName,
  isCategoryId,
} from "./categories.ts";
export {
  loadLocomo,
  type LoadLocomoOptions,
  normaliseEvidence,
  parseLocomo,
  type ParseLocomoOptions,
} from "./load_locomo.ts";
export { LocomoFormatError, type LocomoFormatErrorFields, LocomoNotFoundError } from "./errors.ts";
export { formatJsonPath, type JsonPath } from "./json_path.ts";
export { MONTH_NAMES, parseSessionDate, shortDate } from "./session_date.ts";
export { DEFAULT_LOCOMO_PATH, locateLocomo, type LocateLocomoOptions } from "./locate_locomo.ts";
export {
  downloadLocomo,
  type DownloadLocomoOptions,
  type DownloadResult,
  LOCOMO_SHA256,
  LOCOMO_URL,
  LocomoDownloadError,
} from "./download_locomo.ts";
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
} from "./split_locomo.ts";
export { readSplit, readSplits, SplitFileError, splitPath, writeSplits } from "./split_files.ts";
export { checkSplits, type SplitCounts, splitCounts, splitLeakage } from "./split_report.ts";
export { loadSplitData, type SplitData } from "./split_data.ts";
