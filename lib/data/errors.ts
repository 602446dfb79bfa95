/**
 * The error a malformed LOCOMO file raises.
 *
 * @module
 */

/** Structured fields of a {@link LocomoFormatError}. */
export interface LocomoFormatErrorFields {
  /** The file that was read (as given by the caller). */
  file: string;
  /** The JSON path of the fault, e.g. `[0].conversation.session_1[0].dia_id`; `""` for the top. */
  path: string;
  /** The `sample_id` of the sample holding the fault, when known. */
  sampleId?: string;
  /** What was expected there. */
  expected: string;
  /** What was found there (a short rendering of the value). */
  found: string;
  /** For syntax errors: 1-based line and column of the fault. */
  line?: number;
  /** For syntax errors: 1-based column of the fault. */
  column?: number;
  /** How many problems were found in all (only the first is described). */
  problemCount?: number;
}

/**
 * A LOCOMO file is not valid: empty, not JSON, truncated, or not shaped like `locomo10.json`.
 * The message names the file, the JSON path (or line and column), the sample id, what was
 * expected and what was found; the same facts are available as fields.
 */
export class LocomoFormatError extends SyntaxError {
  /** The file that was read. */
  readonly file: string;
  /** The JSON path of the fault (`""` for the whole document). */
  readonly path: string;
  /** The sample id of the sample holding the fault, when known. */
  readonly sampleId: string | undefined;
  /** What was expected. */
  readonly expected: string;
  /** What was found. */
  readonly found: string;
  /** 1-based line of a syntax error. */
  readonly line: number | undefined;
  /** 1-based column of a syntax error. */
  readonly column: number | undefined;
  /** How many problems were found in all. */
  readonly problemCount: number;

  /** Builds the error and its message from structured fields. */
  constructor(fields: LocomoFormatErrorFields, options?: ErrorOptions) {
    const where = fields.line !== undefined
      ? `line ${fields.line}, column ${fields.column ?? 1}`
      : `at ${fields.path === "" ? "(top level)" : fields.path}`;
    const sample = fields.sampleId ? ` (sample ${fields.sampleId})` : "";
    const more = (fields.problemCount ?? 1) > 1
      ? ` (${(fields.problemCount ?? 1) - 1} more problem(s) after this one)`
      : "";
    super(
      `Invalid LOCOMO file ${fields.file}: ${where}${sample}: expected ${fields.expected}, ` +
        `found ${fields.found}${more}. Fix the file, or replace it with a fresh copy: ` +
        "`env -u LOCOMO_PATH deno task data` downloads one to data/locomo10.json (with " +
        "LOCOMO_PATH set, `deno task data` downloads nothing).",
      options,
    );
    this.name = "LocomoFormatError";
    this.file = fields.file;
    this.path = fields.path;
    this.sampleId = fields.sampleId;
    this.expected = fields.expected;
    this.found = fields.found;
    this.line = fields.line;
    this.column = fields.column;
    this.problemCount = fields.problemCount ?? 1;
  }
}

/** LOCOMO was not found by `--input`, `LOCOMO_PATH` or `data/locomo10.json`. */
export class LocomoNotFoundError extends Error {
  /** The places that were tried, in order. */
  readonly tried: string[];
  /** Where the path came from. */
  readonly source: "input" | "env" | "default";
  /** Whether the path names a directory (not the file). */
  readonly isDirectory: boolean;

  /**
   * Builds the error listing the places tried, with advice on how to get the data fitting where
   * the path came from (`hint` replaces that advice).
   */
  constructor(
    tried: string[],
    options?: ErrorOptions & {
      source?: "input" | "env" | "default";
      isDirectory?: boolean;
      hint?: string;
    },
  ) {
    const source = options?.source ?? "default";
    const isDirectory = options?.isDirectory ?? false;
    const what = isDirectory
      ? `${tried.join(", ")} is a directory, not the locomo10.json file`
      : `LOCOMO data not found (tried: ${tried.join(", ")})`;
    const fix = options?.hint ??
      (source === "env"
        ? "Point LOCOMO_PATH at the locomo10.json file, or unset it and run `deno task data` " +
          "(it downloads nothing while LOCOMO_PATH is set)."
        : source === "input"
        ? "Pass --input /path/to/locomo10.json (the file)."
        : "Download it with `deno task data` (from the repository root), or set " +
          "LOCOMO_PATH=/path/to/locomo10.json (from a shell, or before starting Jupyter); the CLI " +
          "also takes --input /path/to/locomo10.json.");
    super(`${what}. ${fix}`, options);
    this.name = "LocomoNotFoundError";
    this.tried = tried;
    this.source = source;
    this.isDirectory = isDirectory;
  }
}
