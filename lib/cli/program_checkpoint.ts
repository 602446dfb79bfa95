/**
 * The checkpoint a saved trained program names, checked at the edge: the commands that answer
 * with it on the embedded backend (`evaluate`, `compare`, `optimize`) stop before anything is
 * written when the server could not serve it.
 *
 * @module
 */

import { resolve } from "node:path";
import { isCheckpointDir } from "../embedded/checkpoint_files.ts";
import { CheckpointNotFoundError } from "../embedded/errors.ts";
import { createDefaultPolicy } from "../embedded/policy/extractive_policy.ts";
import { restoreCheckpoint } from "../embedded/policy_registry.ts";
import { UsageError } from "./run_cli.ts";

/**
 * Resolves `checkpoint` (named by the program in `file`) and restores its policy as the embedded
 * server would; returns the absolute folder.
 *
 * @throws {UsageError} when it is not a checkpoint folder or holds a policy that cannot be
 * restored (e.g. one written by another version of the embedded policy).
 */
export async function servableCheckpoint(file: string, checkpoint: string): Promise<string> {
  const dir = resolve(checkpoint);
  if (!(await isCheckpointDir(dir))) {
    throw new UsageError(
      `${file} names checkpoint ${checkpoint}, which is not a checkpoint folder ` +
        "(no policy.json); fix provenance.checkpoint or restore the folder",
    );
  }
  try {
    await restoreCheckpoint(dir, createDefaultPolicy, 0);
  } catch (error) {
    if (!(error instanceof CheckpointNotFoundError)) throw error;
    throw new UsageError(
      `${file} names a checkpoint the embedded server cannot serve: ${error.message}`,
    );
  }
  return dir;
}
