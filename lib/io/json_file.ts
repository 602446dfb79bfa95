/**
 * Reading a JSON object from a file with an error that says which file and what is wrong with
 * it: missing (or unreadable), not valid JSON, or valid JSON that is not an object.
 *
 * @module
 */

/** Why a JSON file could not be used. */
export type JsonFileProblem = "unreadable" | "syntax" | "not-object";

/** A JSON file is missing, malformed or not an object. */
export class JsonFileError extends Error {
  /** The file. */
  readonly path: string;
  /** What is wrong with it. */
  readonly problem: JsonFileProblem;

  /** Builds the error; `detail` is the reader's or the parser's message. */
  constructor(path: string, problem: JsonFileProblem, detail: string, options?: ErrorOptions) {
    const what = problem === "unreadable"
      ? `cannot be read (${detail})`
      : problem === "syntax"
      ? `is not valid JSON (${detail})`
      : `is not a JSON object (${detail})`;
    super(`${path} ${what}`, options);
    this.name = "JsonFileError";
    this.path = path;
    this.problem = problem;
  }
}

/**
 * Reads `path` and parses it as a JSON object.
 *
 * @example
 * ```ts ignore
 * const config = await readJsonObject("runs/x/config.json");
 * ```
 *
 * @throws {JsonFileError} when the file cannot be read, is not JSON, or is not an object.
 */
export async function readJsonObject(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (cause) {
    const detail = cause instanceof Deno.errors.NotFound ? "no such file" : String(cause);
    throw new JsonFileError(path, "unreadable", detail, { cause });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new JsonFileError(path, "syntax", (cause as Error).message.replace(/\s+/g, " "), {
      cause,
    });
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    const found = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
    throw new JsonFileError(path, "not-object", `found ${found}`);
  }
  return value as Record<string, unknown>;
}
