/**
 * Atomic file writes: write to a temporary file beside the target, then rename.
 *
 * @module
 */

import { dirname } from "node:path";

/** A file to write: its path and its contents. */
export interface FileToWrite {
  /** Destination path. */
  path: string;
  /** Text (written as UTF-8) or bytes. */
  data: string | Uint8Array;
}

function tempPathFor(path: string): string {
  const suffix = `${Deno.pid}-${crypto.randomUUID().slice(0, 8)}`;
  return `${path}.tmp-${suffix}`;
}

/**
 * Writes several files so that either all of them appear complete or none changes: every file is
 * first written to a temporary file beside its target; only when all are written are they renamed
 * into place. On failure the temporary files are removed. Parent folders are created.
 *
 * @example
 * ```ts ignore
 * await writeFilesAtomic([{ path: "out/a.json", data: "{}" }, { path: "out/b.json", data: "[]" }]);
 * ```
 */
export async function writeFilesAtomic(files: readonly FileToWrite[]): Promise<void> {
  const temps: { temp: string; path: string }[] = [];
  try {
    for (const file of files) {
      await Deno.mkdir(dirname(file.path), { recursive: true });
      const temp = tempPathFor(file.path);
      temps.push({ temp, path: file.path });
      if (typeof file.data === "string") await Deno.writeTextFile(temp, file.data);
      else await Deno.writeFile(temp, file.data);
    }
    for (const { temp, path } of temps) await Deno.rename(temp, path);
  } catch (error) {
    for (const { temp } of temps) await Deno.remove(temp).catch(() => {});
    throw error;
  }
}

/** Writes one file atomically (temporary file, then rename). See {@link writeFilesAtomic}. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await writeFilesAtomic([{ path, data }]);
}
