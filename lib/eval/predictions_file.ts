/**
 * `predictions.jsonl`: one {@link PredictionRow} per line, appended as rows finish so a crash
 * keeps every finished row; read back tolerantly (a torn last line is ignored) for resuming.
 *
 * @module
 */

import { dirname } from "node:path";
import { z } from "../deps.ts";
import { writeFileAtomic } from "../io/atomic_write.ts";
import type { PredictionRow } from "./eval_types.ts";

const rowSchema = z.object({
  system: z.string(),
  questionId: z.string(),
  sampleId: z.string(),
  category: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
  question: z.string(),
  prediction: z.string(),
  gold: z.string().nullable(),
  f1: z.number().min(0).max(1),
  judgeVerdict: z.enum(["CORRECT", "WRONG"]).nullable(),
  judgeReason: z.string().nullable(),
  judgeError: z.string().nullable().default(null),
  retrievedDiaIds: z.array(z.string()),
  evidenceRecall: z.number().min(0).max(1).nullable(),
  promptTokens: z.number(),
  completionTokens: z.number(),
  latencyMs: z.number(),
  cached: z.boolean(),
  error: z.string().nullable(),
});

/** The resume key of a row: its system and question id. */
export function rowKey(row: Pick<PredictionRow, "system" | "questionId">): string {
  return JSON.stringify([row.system, row.questionId]);
}

/** What {@link readPredictions} found. */
export interface PredictionsRead {
  /** The valid rows, the last one winning per key, in first-seen order. */
  rows: PredictionRow[];
  /** Lines that were not a valid row (a torn last line after a crash, or damage). */
  ignoredLines: number;
}

/**
 * Reads a predictions file; a missing file reads as empty. Lines that are not valid JSON rows
 * (e.g. the half-written last line of a crashed run) are skipped and counted.
 */
export async function readPredictions(path: string): Promise<PredictionsRead> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return { rows: [], ignoredLines: 0 };
    throw error;
  }
  const byKey = new Map<string, PredictionRow>();
  let ignoredLines = 0;
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      ignoredLines++;
      continue;
    }
    const row = rowSchema.safeParse(parsed);
    if (!row.success) {
      ignoredLines++;
      continue;
    }
    byKey.set(rowKey(row.data), row.data as PredictionRow);
  }
  return { rows: [...byKey.values()], ignoredLines };
}

/** An open predictions file, from {@link openPredictionLog}. */
export interface PredictionLog {
  /** The file. */
  readonly path: string;
  /** Appends one row as one line; appends happen in call order, one at a time. */
  append(row: PredictionRow): Promise<void>;
}

/**
 * Starts a predictions file holding exactly `keep` (written atomically, which also drops a torn
 * line and superseded rows), then appends each new row as it comes.
 */
export async function openPredictionLog(
  path: string,
  keep: readonly PredictionRow[],
): Promise<PredictionLog> {
  await Deno.mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, keep.map((row) => JSON.stringify(row) + "\n").join(""));
  let chain: Promise<void> = Promise.resolve();
  return {
    path,
    append(row) {
      const line = JSON.stringify(row) + "\n";
      chain = chain.then(() => Deno.writeTextFile(path, line, { append: true }));
      return chain;
    },
  };
}
