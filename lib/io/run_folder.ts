/**
 * Folders of runs and results (`runs/…`, `results/…`): one portable name format for all of
 * them, `20261206-144235-k3f9` (UTC time and a random suffix, no `:`), created exclusively so
 * two runs started in the same second never share a folder.
 *
 * @module
 */

import { join } from "node:path";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/**
 * The folder name of a run started at `date`: `YYYYMMDD-HHMMSS-xxxx` (UTC, four random
 * lowercase letters or digits from `random`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { runFolderName } from "./run_folder.ts";
 * const name = runFolderName(new Date("2026-12-06T14:42:35Z"), () => 0);
 * assert.ok(name === "20261206-144235-aaaa");
 * ```
 */
export function runFolderName(date: Date, random: () => number = Math.random): string {
  const stamp = date.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-");
  let suffix = "";
  for (let i = 0; i < 4; i++) suffix += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return `${stamp}-${suffix}`;
}

/** Options of {@link createRunFolder}. */
export interface CreateRunFolderOptions {
  /** The clock. Default: `() => new Date()`. */
  now?: () => Date;
  /** Random numbers in [0, 1) for the suffix. Default: `Math.random`. */
  random?: () => number;
}

/**
 * Creates a new, empty folder `parent/<runFolderName>` exclusively (never one that exists; a
 * name taken by another run gets a new suffix) and returns its path.
 *
 * @throws {Error} when no free name was found in 20 tries, or the folder cannot be created.
 */
export async function createRunFolder(
  parent: string,
  options: CreateRunFolderOptions = {},
): Promise<string> {
  await Deno.mkdir(parent, { recursive: true });
  const now = (options.now ?? (() => new Date()))();
  for (let attempt = 0; attempt < 20; attempt++) {
    const dir = join(parent, runFolderName(now, options.random));
    try {
      await Deno.mkdir(dir); // fails when it exists: exclusive
      return dir;
    } catch (error) {
      if (!(error instanceof Deno.errors.AlreadyExists)) throw error;
    }
  }
  throw new Error(`no free run folder name under ${parent} after 20 tries`);
}
