/**
 * Splitting LOCOMO **by conversation** into train / validation / test, balancing categories.
 *
 * @module
 */

import { createRng } from "../random/mod.ts";
import { CATEGORY_IDS, type CategoryId } from "./categories.ts";
import type { Answer, LocomoDataset, Question } from "./types.ts";

/** The three split names. */
export type SplitName = SplitFile["split"];

/** The split names in output order. */
export const SPLIT_NAMES: readonly SplitName[] = ["train", "val", "test"];

/** Version of the split file format. */
export const SPLIT_FORMAT_VERSION = 1;

/** One question in a split file (it references its conversation by `sampleId`, never embeds it). */
export interface SplitExample {
  /** The question id (`<sampleId>:q<index>`). */
  id: string;
  /** The conversation it is about. */
  sampleId: string;
  /** The question. */
  question: string;
  /** The gold answer as given (null for most category-5 items). */
  answer: Answer;
  /** The raw category id. */
  category: CategoryId;
  /** Evidence turn ids. */
  evidence: string[];
}

/** The content of `locomo_<split>.json`. */
export interface SplitFile {
  /** Format version ({@link SPLIT_FORMAT_VERSION}). */
  version: number;
  /** Which split this is. */
  split: "train" | "val" | "test";
  /** The seed that chose the assignment. */
  seed: number;
  /** The LOCOMO file the split was made from (base name and sha256). */
  source: LocomoDataset["source"];
  /** The conversations in this split, by sample id. */
  conversations: string[];
  /** The questions of those conversations. */
  examples: SplitExample[];
}

/** The three splits, by name. */
export interface LocomoSplits {
  /** The training split. */
  train: SplitFile;
  /** The validation split. */
  val: SplitFile;
  /** The test split. */
  test: SplitFile;
}

/** Options of {@link splitLocomo}. */
export interface SplitOptions {
  /** Share of conversations for training. Default 0.6. */
  trainRatio?: number;
  /** Share of conversations for validation. Default 0.2. */
  valRatio?: number;
  /** Share of conversations for testing. Default 0.2. */
  testRatio?: number;
  /** Seed that orders the search and breaks ties. Default 42. */
  seed?: number;
}

/** {@link SplitOptions} with every default filled in. */
export interface SplitConfig {
  /** Share of conversations for training. */
  trainRatio: number;
  /** Share of conversations for validation. */
  valRatio: number;
  /** Share of conversations for testing. */
  testRatio: number;
  /** Seed. */
  seed: number;
}

/** Tolerance for the ratios summing to 1. */
const RATIO_TOLERANCE = 1e-6;
/** Above this many assignments, a seeded random sample of assignments is searched instead. */
const MAX_ENUMERATED = 200_000;
const SAMPLED_ASSIGNMENTS = 20_000;

/**
 * Resolves split options into a full config, validating the ratios.
 *
 * @throws {RangeError} when a ratio is outside [0, 1], not finite, or the three do not sum to 1
 *   (within 1e-6), or the seed is not an integer.
 */
export function resolveSplitConfig(options: SplitOptions = {}): SplitConfig {
  const config: SplitConfig = {
    trainRatio: options.trainRatio ?? 0.6,
    valRatio: options.valRatio ?? 0.2,
    testRatio: options.testRatio ?? 0.2,
    seed: options.seed ?? 42,
  };
  for (const key of ["trainRatio", "valRatio", "testRatio"] as const) {
    const v = config[key];
    if (!Number.isFinite(v) || v < 0 || v > 1) {
      throw new RangeError(`${key} must be a number in [0, 1], got ${v}`);
    }
  }
  const sum = config.trainRatio + config.valRatio + config.testRatio;
  if (Math.abs(sum - 1) > RATIO_TOLERANCE) {
    throw new RangeError(
      `train, val and test ratios must sum to 1, got ${config.trainRatio} + ${config.valRatio} + ` +
        `${config.testRatio} = ${Number(sum.toFixed(6))}`,
    );
  }
  if (!Number.isSafeInteger(config.seed)) {
    throw new RangeError(`seed must be an integer, got ${config.seed}`);
  }
  return config;
}

/** How many conversations each split gets for `n` conversations (largest-remainder rounding). */
export function splitSizes(n: number, config: SplitConfig): Record<SplitName, number> {
  const ratios = [config.trainRatio, config.valRatio, config.testRatio];
  const exact = ratios.map((r) => r * n);
  const sizes = exact.map(Math.floor);
  let left = n - sizes.reduce((a, b) => a + b, 0);
  const order = [0, 1, 2].sort((a, b) =>
    (exact[b]! - sizes[b]!) - (exact[a]! - sizes[a]!) || a - b
  );
  for (const i of order) {
    if (left <= 0) break;
    sizes[i]!++;
    left--;
  }
  return { train: sizes[0]!, val: sizes[1]!, test: sizes[2]! };
}

function combinations(n: number, k: number): number {
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return Math.round(c);
}

/** Calls `visit` with every k-subset of `items` (as index arrays), in lexicographic order. */
function forEachSubset(items: number[], k: number, visit: (subset: number[]) => void): void {
  const pick: number[] = [];
  const rec = (start: number) => {
    if (pick.length === k) return visit(pick.slice());
    for (let i = start; i <= items.length - (k - pick.length); i++) {
      pick.push(items[i]!);
      rec(i + 1);
      pick.pop();
    }
  };
  rec(0);
}

/**
 * Splits a dataset by conversation: no conversation appears in two splits, and every question
 * lands in exactly one. Among all assignments of conversations with the configured sizes, it
 * picks the one whose splits best match the overall category mix and question shares (sum of
 * squared differences); the seed orders the search, so it breaks ties. The result is a pure
 * function of the dataset and the options.
 *
 * @example
 * ```ts ignore
 * const splits = splitLocomo(await loadLocomo("data/locomo10.json"), { seed: 42 });
 * console.log(splits.train.conversations.length); // 6
 * ```
 *
 * @throws {RangeError} for bad ratios, or when a non-zero ratio gets no conversation.
 */
export function splitLocomo(dataset: LocomoDataset, options: SplitOptions = {}): LocomoSplits {
  const config = resolveSplitConfig(options);
  const ids = dataset.conversations.map((c) => c.sampleId);
  const sizes = splitSizes(ids.length, config);
  for (const name of SPLIT_NAMES) {
    const ratio = config[`${name}Ratio` as const];
    if (ratio > 0 && sizes[name] === 0) {
      throw new RangeError(
        `${name} ratio ${ratio} gives no conversation out of ${ids.length}; raise it or set it to 0`,
      );
    }
  }
  const byConversation = ids.map((id) => dataset.questions.filter((q) => q.sampleId === id));
  const counts = byConversation.map((qs) =>
    CATEGORY_IDS.map((c) => qs.filter((q) => q.category === c).length)
  );
  const total = dataset.questions.length || 1;
  const globalMix = CATEGORY_IDS.map((_, c) => counts.reduce((a, row) => a + row[c]!, 0) / total);
  const targetShare = [config.trainRatio, config.valRatio, config.testRatio];

  const cost = (groups: number[][]): number => {
    let sum = 0;
    groups.forEach((group, s) => {
      const cat = CATEGORY_IDS.map((_, c) => group.reduce((a, i) => a + counts[i]![c]!, 0));
      const n = cat.reduce((a, b) => a + b, 0);
      if (n > 0) cat.forEach((x, c) => sum += (x / n - globalMix[c]!) ** 2);
      sum += (n / total - targetShare[s]!) ** 2;
    });
    return sum;
  };

  const rng = createRng(config.seed);
  const order = rng.shuffle(ids.map((_, i) => i));
  let best: number[][] | undefined;
  let bestCost = Infinity;
  const consider = (groups: number[][]) => {
    const c = cost(groups);
    if (c < bestCost - 1e-12) {
      bestCost = c;
      best = groups;
    }
  };
  const count = combinations(ids.length, sizes.train) *
    combinations(ids.length - sizes.train, sizes.val);
  if (count <= MAX_ENUMERATED) {
    forEachSubset(order, sizes.train, (train) => {
      const rest = order.filter((i) => !train.includes(i));
      forEachSubset(rest, sizes.val, (val) => {
        consider([train, val, rest.filter((i) => !val.includes(i))]);
      });
    });
  } else {
    for (let t = 0; t < SAMPLED_ASSIGNMENTS; t++) {
      const perm = rng.shuffle(order);
      consider([
        perm.slice(0, sizes.train),
        perm.slice(sizes.train, sizes.train + sizes.val),
        perm.slice(sizes.train + sizes.val),
      ]);
    }
  }
  const groups = best ?? [[], [], []];
  const result = {} as LocomoSplits;
  SPLIT_NAMES.forEach((name, s) => {
    const members = groups[s]!.slice().sort((a, b) => a - b);
    result[name] = {
      version: SPLIT_FORMAT_VERSION,
      split: name,
      seed: config.seed,
      source: dataset.source,
      conversations: members.map((i) => ids[i]!),
      examples: members.flatMap((i) => byConversation[i]!.map(toExample)),
    };
  });
  return result;
}

function toExample(q: Question): SplitExample {
  return {
    id: q.id,
    sampleId: q.sampleId,
    question: q.question,
    answer: q.answer,
    category: q.category,
    evidence: q.evidence,
  };
}

/** Serialises a split file deterministically (two-space JSON, trailing newline). */
export function serializeSplit(split: SplitFile): string {
  return JSON.stringify(split, null, 2) + "\n";
}
