/**
 * Finding LOCOMO and its split files for a command: locate the dataset, create the splits when
 * they are missing, and check that the splits were made from this very file.
 *
 * @module
 */

import { loadLocomo } from "./load_locomo.ts";
import { locateLocomo } from "./locate_locomo.ts";
import { readSplits, splitPath, writeSplits } from "./split_files.ts";
import { type LocomoSplits, splitLocomo } from "./split_locomo.ts";
import type { LocomoDataset } from "./types.ts";

/** The dataset and its splits (see {@link loadSplitData}). */
export type SplitData = Awaited<ReturnType<typeof loadSplitData>>;

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Loads LOCOMO (`input`, else `envPath`, else `data/locomo10.json`) and the splits in `dataDir`,
 * writing them with the default split (seed 42) when `locomo_train.json` is missing.
 *
 * Returns the dataset, its three splits, the LOCOMO file used (`input`) and whether the split
 * files were created now (`createdSplits`).
 *
 * @throws {Error} when the split files were made from another LOCOMO file (sha256 differs).
 */
export async function loadSplitData(
  options: { input?: string | undefined; envPath?: string | undefined; dataDir: string },
): Promise<{
  dataset: LocomoDataset;
  splits: LocomoSplits;
  input: string;
  createdSplits: boolean;
}> {
  const input = await locateLocomo({ input: options.input, envPath: options.envPath });
  const dataset = await loadLocomo(input);
  let createdSplits = false;
  if (!(await exists(splitPath(options.dataDir, "train")))) {
    await writeSplits(splitLocomo(dataset), options.dataDir);
    createdSplits = true;
  }
  const splits = await readSplits(options.dataDir);
  for (const split of Object.values(splits)) {
    if (split.source.sha256 !== dataset.source.sha256) {
      throw new Error(
        `${splitPath(options.dataDir, split.split)} was made from a LOCOMO file with sha256 ` +
          `${split.source.sha256}, but ${input} has ${dataset.source.sha256}; rerun ` +
          "`deno task split` for this file",
      );
    }
  }
  return { dataset, splits, input, createdSplits };
}
