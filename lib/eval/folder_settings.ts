/**
 * The settings an evaluation folder's answers depend on (`settings.json`): a rerun into the same
 * `--out-dir` reuses finished rows only when these are the same, so answers of one policy,
 * model, endpoint or judge never stand in for another's.
 *
 * @module
 */

import { join } from "node:path";
import { writeFileAtomic } from "../io/mod.ts";

/** The file inside an evaluation folder. */
export const FOLDER_SETTINGS_FILE = "settings.json";

/**
 * What the answers depend on, keyed by the flag that sets each value (e.g. `"--model"`), so a
 * refusal can name it. Values are compared as JSON.
 */
export type FolderSettings = Readonly<Record<string, string | number | boolean | null>>;

/** A rerun into an evaluation folder with a setting that would change its answers. */
export class FolderSettingsError extends Error {
  /** The folder. */
  readonly outDir: string;
  /** The flag whose value differs. */
  readonly flag: string;
  /** The value the folder's answers were made with. */
  readonly recorded: unknown;
  /** The value given now. */
  readonly given: unknown;

  /** Builds the error for `flag` in `outDir`. */
  constructor(details: { outDir: string; flag: string; recorded: unknown; given: unknown }) {
    const show = (v: unknown) => v === null || v === undefined ? "none" : JSON.stringify(v);
    super(
      `${details.flag} differs from the evaluation already in ${details.outDir} ` +
        `(${show(details.recorded)} there, ${show(details.given)} here): its answers would be ` +
        "reused for another setting; choose another --out-dir (or the same value)",
    );
    this.name = "FolderSettingsError";
    this.outDir = details.outDir;
    this.flag = details.flag;
    this.recorded = details.recorded;
    this.given = details.given;
  }
}

/**
 * Checks `settings` against the ones recorded in `outDir` (none recorded: nothing to check).
 * A setting recorded on one side only (e.g. the judge's, when one run judged and the other did
 * not) is not a difference.
 *
 * @throws {FolderSettingsError} naming the first setting that differs.
 */
export async function checkFolderSettings(
  outDir: string,
  settings: FolderSettings,
): Promise<void> {
  let text: string;
  try {
    text = await Deno.readTextFile(join(outDir, FOLDER_SETTINGS_FILE));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return;
    throw error;
  }
  const recorded = JSON.parse(text) as Record<string, unknown>;
  for (const flag of Object.keys(settings).filter((f) => f in recorded)) {
    const was = recorded[flag] ?? null;
    const now = settings[flag] ?? null;
    if (JSON.stringify(was) !== JSON.stringify(now)) {
      throw new FolderSettingsError({ outDir, flag, recorded: was, given: now });
    }
  }
}

/** Records `settings` in `outDir` (atomically; the folder is created). */
export async function writeFolderSettings(
  outDir: string,
  settings: FolderSettings,
): Promise<void> {
  await Deno.mkdir(outDir, { recursive: true });
  await writeFileAtomic(
    join(outDir, FOLDER_SETTINGS_FILE),
    JSON.stringify(settings, null, 2) + "\n",
  );
}
