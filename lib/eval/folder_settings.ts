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
  constructor(
    details: { outDir: string; flag: string; recorded: unknown; given: unknown; message?: string },
  ) {
    const show = (v: unknown) => v === null || v === undefined ? "none" : JSON.stringify(v);
    super(
      details.message ??
        `${details.flag} differs from the evaluation already in ${details.outDir} ` +
          `(${show(details.recorded)} there, ${show(details.given)} here): its answers would ` +
          "be reused for another setting; choose another --out-dir (or the same value)",
    );
    this.name = "FolderSettingsError";
    this.outDir = details.outDir;
    this.flag = details.flag;
    this.recorded = details.recorded;
    this.given = details.given;
  }
}

/**
 * The settings recorded in `outDir`, or `null` when it records none.
 *
 * @throws {FolderSettingsError} when `settings.json` is not a JSON object (names the file).
 */
export async function readFolderSettings(outDir: string): Promise<FolderSettings | null> {
  const path = join(outDir, FOLDER_SETTINGS_FILE);
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    parsed = error;
  }
  if (
    parsed === null || typeof parsed !== "object" || Array.isArray(parsed) ||
    parsed instanceof Error
  ) {
    throw new FolderSettingsError({
      outDir,
      flag: "--out-dir",
      recorded: null,
      given: null,
      message: `${path} is not a JSON object of settings (${
        parsed instanceof Error ? parsed.message : "found " + JSON.stringify(parsed)
      }); delete it to start the folder's records again, or choose another --out-dir`,
    });
  }
  return parsed as FolderSettings;
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
  const recorded = await readFolderSettings(outDir);
  if (recorded === null) return;
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
