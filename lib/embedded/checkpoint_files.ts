/**
 * Checkpoint folders on disk: `<dir>/policy.json` (the policy snapshot) and
 * `<dir>/metadata.json` (job, step, config, client metadata), written atomically.
 *
 * @module
 */

import { dirname, join } from "node:path";
import { CheckpointNotFoundError } from "./errors.ts";
import type { PolicyState } from "./policy_types.ts";

/** The policy snapshot file inside a checkpoint folder. */
export const POLICY_FILE = "policy.json";
/** The metadata file inside a checkpoint folder. */
export const METADATA_FILE = "metadata.json";

/** What `metadata.json` holds. */
export interface CheckpointMetadata {
  /** The checkpoint's name, e.g. `checkpoint_final`. */
  checkpoint_name: string;
  /** The job id (HEAD) or run name (mid-2025). */
  job_id: string;
  /** The model name the job was initialised with. */
  model: string;
  /** The wire dialect of the server that wrote it. */
  dialect: string;
  /** Optimizer steps taken when it was written. */
  global_step: number;
  /** Groups received when it was written. */
  groups_received: number;
  /** The client's metadata (HEAD `checkpoint` body), or `null`. */
  metadata: Record<string, unknown> | null;
  /** Epoch seconds. */
  timestamp: number;
  /** The job's configuration (request, resolved settings, ignored fields). */
  config: unknown;
}

function unique(): string {
  return `${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`;
}

/**
 * Writes a checkpoint folder atomically: the files go to a temporary sibling folder that is then
 * renamed onto `dir` (an existing checkpoint of that name is replaced, as Arbor does).
 */
export async function writeCheckpointDir(
  dir: string,
  contents: { policy: PolicyState; metadata: CheckpointMetadata },
): Promise<void> {
  await Deno.mkdir(dirname(dir), { recursive: true });
  const temp = `${dir}.tmp-${unique()}`;
  const old = `${dir}.old-${unique()}`;
  try {
    await Deno.mkdir(temp);
    await Deno.writeTextFile(join(temp, POLICY_FILE), JSON.stringify(contents.policy));
    await Deno.writeTextFile(
      join(temp, METADATA_FILE),
      JSON.stringify(contents.metadata, null, 2) + "\n",
    );
    let replaced = false;
    try {
      await Deno.rename(dir, old);
      replaced = true;
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    await Deno.rename(temp, dir);
    if (replaced) await Deno.remove(old, { recursive: true });
  } catch (error) {
    await Deno.remove(temp, { recursive: true }).catch(() => {});
    throw error;
  }
}

/** Whether `dir` looks like a checkpoint folder (holds `policy.json`). */
export async function isCheckpointDir(dir: string): Promise<boolean> {
  try {
    return (await Deno.stat(join(dir, POLICY_FILE))).isFile;
  } catch {
    return false;
  }
}

/** Why a checkpoint folder's policy file could not be read, in the user's terms. */
async function whyUnreadable(dir: string): Promise<string> {
  try {
    const info = await Deno.stat(dir);
    if (!info.isDirectory) {
      return `it is a file; a checkpoint is a folder holding ${POLICY_FILE} (e.g. ` +
        "grpo_checkpoints/<job>/checkpoints/model_checkpoint_best)";
    }
    return `the folder has no readable ${POLICY_FILE}`;
  } catch {
    return "no such folder";
  }
}

/**
 * Reads a checkpoint folder.
 *
 * @throws {CheckpointNotFoundError} when `policy.json` is missing or not a JSON object.
 */
export async function readCheckpointDir(
  dir: string,
): Promise<{ policy: PolicyState; metadata: CheckpointMetadata | null }> {
  let text: string;
  try {
    text = await Deno.readTextFile(join(dir, POLICY_FILE));
  } catch (error) {
    throw new CheckpointNotFoundError(dir, await whyUnreadable(dir), { cause: error });
  }
  let policy: unknown;
  try {
    policy = JSON.parse(text);
  } catch (error) {
    throw new CheckpointNotFoundError(dir, `${POLICY_FILE} is not valid JSON`, { cause: error });
  }
  if (policy === null || typeof policy !== "object" || Array.isArray(policy)) {
    throw new CheckpointNotFoundError(dir, `${POLICY_FILE} is not a JSON object`);
  }
  let metadata: CheckpointMetadata | null = null;
  try {
    metadata = JSON.parse(await Deno.readTextFile(join(dir, METADATA_FILE)));
  } catch {
    metadata = null;
  }
  return { policy: policy as PolicyState, metadata };
}
