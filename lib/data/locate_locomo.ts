/**
 * Finding the LOCOMO file: `--input PATH`, then `LOCOMO_PATH`, then `data/locomo10.json`.
 *
 * @module
 */

import { LocomoNotFoundError } from "./errors.ts";

/** Where the dataset is expected by default, relative to the working directory. */
export const DEFAULT_LOCOMO_PATH = "data/locomo10.json";

/** Options of {@link locateLocomo}. */
export interface LocateLocomoOptions {
  /** A path given on the command line (`--input`). Default: none. */
  input?: string;
  /** The value of the `LOCOMO_PATH` environment variable, read by the CLI. Default: none. */
  envPath?: string;
  /** The last place to look. Default: {@link DEFAULT_LOCOMO_PATH}. */
  defaultPath?: string;
  /**
   * What to do when the file is not found, replacing the default advice (which names
   * `deno task data`, `LOCOMO_PATH` and `--input`), e.g. a notebook's own instructions.
   * Default: that advice.
   */
  hint?: string;
  /** Whether a file exists. Default: `Deno.stat`-based. */
  exists?: (path: string) => Promise<boolean>;
}

async function fileExists(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch {
    return false;
  }
}

/**
 * Returns the path of the LOCOMO file to use. An explicit `--input` or `LOCOMO_PATH` that does
 * not exist is an error (it is never silently skipped).
 *
 * @throws {LocomoNotFoundError} listing what was tried and how to get the data.
 */
export async function locateLocomo(options: LocateLocomoOptions = {}): Promise<string> {
  const exists = options.exists ?? fileExists;
  const [path, label, source]: [string, string, "input" | "env" | "default"] = options.input
    ? [options.input, `--input ${options.input}`, "input"]
    : options.envPath
    ? [options.envPath, `LOCOMO_PATH=${options.envPath}`, "env"]
    : [
      options.defaultPath ?? DEFAULT_LOCOMO_PATH,
      options.defaultPath ?? DEFAULT_LOCOMO_PATH,
      "default",
    ];
  if (await exists(path)) return path;
  const isDirectory = await Deno.stat(path).then((s) => s.isDirectory, () => false);
  throw new LocomoNotFoundError([label], {
    source,
    isDirectory,
    ...(options.hint === undefined ? {} : { hint: options.hint }),
  });
}
