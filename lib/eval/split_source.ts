/**
 * Checking that a split file was made from the LOCOMO file at hand.
 *
 * @module
 */

import type { SplitFile } from "../data/split_locomo.ts";
import type { DatasetSource } from "../data/types.ts";

/** A split file was made from another LOCOMO file than the one loaded. */
export class SplitSourceMismatchError extends Error {
  /** The split file. */
  readonly splitFile: string;
  /** The LOCOMO file loaded. */
  readonly dataFile: string;
  /** The sha256 the split file records. */
  readonly expectedSha256: string;
  /** The sha256 of the loaded file. */
  readonly actualSha256: string;

  /** Builds the error from its fields. */
  constructor(
    fields: { splitFile: string; dataFile: string; expectedSha256: string; actualSha256: string },
    options?: ErrorOptions,
  ) {
    super(
      `The split ${fields.splitFile} was made from a LOCOMO file with sha256 ` +
        `${fields.expectedSha256}, but ${fields.dataFile} has sha256 ${fields.actualSha256}. ` +
        "Pass the same file (--input or LOCOMO_PATH) or rerun `deno task split` with this one.",
      options,
    );
    this.name = "SplitSourceMismatchError";
    this.splitFile = fields.splitFile;
    this.dataFile = fields.dataFile;
    this.expectedSha256 = fields.expectedSha256;
    this.actualSha256 = fields.actualSha256;
  }
}

/**
 * Checks that `split` records `source`'s sha256.
 *
 * @throws {SplitSourceMismatchError} when the hashes differ.
 */
export function checkSplitSource(
  split: Pick<SplitFile, "source">,
  source: DatasetSource,
  files: { splitFile: string; dataFile: string },
): void {
  if (split.source.sha256 === source.sha256) return;
  throw new SplitSourceMismatchError({
    ...files,
    expectedSha256: split.source.sha256,
    actualSha256: source.sha256,
  });
}
