/**
 * Reading and writing `locomo_{train,val,test}.json`.
 *
 * @module
 */

import { join } from "node:path";
import { z } from "../deps.ts";
import { writeFilesAtomic } from "../io/mod.ts";
import { formatJsonPath } from "./json_path.ts";
import {
  type LocomoSplits,
  serializeSplit,
  SPLIT_FORMAT_VERSION,
  SPLIT_NAMES,
  type SplitFile,
  type SplitName,
} from "./split_locomo.ts";

/** The path of a split file in a folder: `<dir>/locomo_<split>.json`. */
export function splitPath(dir: string, split: SplitName): string {
  return join(dir, `locomo_${split}.json`);
}

/**
 * Writes the three split files into `dir`: all three appear together or none does.
 *
 * @returns the three paths.
 */
export async function writeSplits(
  splits: LocomoSplits,
  dir: string,
): Promise<Record<SplitName, string>> {
  const files = SPLIT_NAMES.map((name) => ({
    path: splitPath(dir, name),
    data: serializeSplit(splits[name]),
  }));
  await writeFilesAtomic(files);
  return { train: files[0]!.path, val: files[1]!.path, test: files[2]!.path };
}

const splitFileSchema = z.object({
  version: z.literal(SPLIT_FORMAT_VERSION),
  split: z.enum(["train", "val", "test"]),
  seed: z.number().int(),
  source: z.object({ file: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  conversations: z.array(z.string()),
  examples: z.array(z.object({
    id: z.string(),
    sampleId: z.string(),
    question: z.string(),
    answer: z.union([z.string(), z.number(), z.null()]),
    category: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
    evidence: z.array(z.string()),
  })),
});

/** A split file is missing or malformed. */
export class SplitFileError extends Error {
  /** The file. */
  readonly file: string;
  /** The JSON path of the fault (`""` when the whole file is at fault). */
  readonly path: string;

  /** Builds the error. */
  constructor(file: string, path: string, message: string, options?: ErrorOptions) {
    super(`Invalid split file ${file}${path ? ` at ${path}` : ""}: ${message}`, options);
    this.name = "SplitFileError";
    this.file = file;
    this.path = path;
  }
}

/**
 * Reads and validates one split file.
 *
 * @throws {SplitFileError} when it is missing (with a hint to run `deno task split`), not JSON
 *   or not a split file.
 */
export async function readSplit(file: string): Promise<SplitFile> {
  let text: string;
  try {
    text = await Deno.readTextFile(file);
  } catch (cause) {
    throw new SplitFileError(
      file,
      "",
      `cannot read it (${(cause as Error).message}); create the splits with \`deno task split\``,
      { cause },
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new SplitFileError(file, "", `not JSON (${(cause as Error).message})`, { cause });
  }
  const parsed = splitFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SplitFileError(file, formatJsonPath(issue.path), issue.message);
  }
  return parsed.data;
}

/** Reads all three split files from a folder. */
export async function readSplits(dir: string): Promise<LocomoSplits> {
  const [train, val, test] = await Promise.all(
    SPLIT_NAMES.map((n) => readSplit(splitPath(dir, n))),
  );
  return { train: train!, val: val!, test: test! };
}
