/**
 * Saved programs: a versioned JSON file (replaces the seed's `grpo_optimized_memory_qa.json`).
 *
 * @module
 */

import { dirname, isAbsolute, relative, resolve } from "node:path";
import { z } from "../deps.ts";
import { formatJsonPath } from "../data/mod.ts";
import { writeFileAtomic } from "../io/mod.ts";
import { CONTEXT_MODES, type Program, resolveProgram } from "./program_config.ts";

/** The `format` tag of a saved program file. */
export const PROGRAM_FORMAT = "memgrpo.program";
/** The current saved-program version. */
export const PROGRAM_VERSION = 1;

/** Where a saved program came from. */
export type ProgramProvenance = SavedProgram["provenance"];

/** The content of a saved program file. */
export interface SavedProgram {
  /** Always `"memgrpo.program"` ({@link PROGRAM_FORMAT}). */
  format: "memgrpo.program";
  /** Always {@link PROGRAM_VERSION}. */
  version: number;
  /** When it was saved (ISO 8601). */
  savedAt: string;
  /** The program. */
  program: Program;
  /** Where it came from. */
  provenance: {
    /**
     * The policy model the program was trained for, as the backend serves it (e.g.
     * `Qwen/Qwen2.5-3B` on Arbor, `memgrpo-embedded` on the embedded backend).
     */
    model: string;
    /** The backend it was trained on (`arbor`, `embedded`, or `none` for untrained). */
    backend: string;
    /**
     * The kind of policy actually trained (e.g. `lora` on Arbor, `embedded-extractive` on the
     * embedded backend), or `null` when unknown (untrained, or a file from before this field).
     */
    policy?: string | null;
    /** The run that produced it (a run folder or id), or `null`. */
    run: string | null;
    /**
     * The checkpoint that goes with it, or `null`: on the embedded backend a folder, stored
     * relative to the program file's folder (older files hold an absolute path or one relative to
     * the working folder); on Arbor the served model name. Read it with {@link checkpointOf}.
     */
    checkpoint: string | null;
    /** The validation score it reached, or `null`. */
    validationScore: number | null;
  };
}

const programSchema = z.strictObject({
  name: z.string(),
  context: z.enum(CONTEXT_MODES as [string, ...string[]]),
  instructions: z.string().min(1),
  k: z.number().int().positive(),
  memoryTokens: z.number().int().positive(),
  contextTokens: z.number().int().positive(),
  temperature: z.number().min(0).max(2),
  maxTokens: z.number().int().positive(),
  demos: z.array(z.strictObject({ question: z.string(), answer: z.string() })),
});

const savedSchema = z.strictObject({
  format: z.literal(PROGRAM_FORMAT),
  version: z.literal(PROGRAM_VERSION),
  savedAt: z.string(),
  program: programSchema,
  provenance: z.strictObject({
    model: z.string(),
    backend: z.string(),
    policy: z.string().nullable().optional(),
    run: z.string().nullable(),
    checkpoint: z.string().nullable(),
    validationScore: z.number().nullable(),
  }),
});

/** A saved program file is unreadable, malformed, or would contain a secret. */
export class ProgramFileError extends Error {
  /** The file. */
  readonly file: string;
  /** The JSON path of the faulty field (`""` for the whole file). */
  readonly field: string;

  /** Builds the error. */
  constructor(file: string, field: string, message: string, options?: ErrorOptions) {
    super(`Program file ${file}${field ? `, field ${field}` : ""}: ${message}`, options);
    this.name = "ProgramFileError";
    this.file = file;
    this.field = field;
  }
}

/** Strings that look like API keys (OpenAI `sk-…`, bearer tokens, long hex/base64 secrets). */
const SECRET_PATTERN = /\b(sk-[A-Za-z0-9_-]{16,}|Bearer\s+[A-Za-z0-9._-]{16,}|hf_[A-Za-z0-9]{20,})/;

function findSecret(
  value: unknown,
  secrets: readonly string[],
  path: PropertyKey[],
): string | undefined {
  if (typeof value === "string") {
    if (SECRET_PATTERN.test(value) || secrets.some((s) => s.length >= 8 && value.includes(s))) {
      return formatJsonPath(path);
    }
    return undefined;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const hit = findSecret(v, secrets, [...path, Array.isArray(value) ? Number(k) : k]);
      if (hit !== undefined) return hit;
    }
  }
  return undefined;
}

/** Options of {@link saveProgram}. */
export type SaveProgramOptions = NonNullable<Parameters<typeof saveProgram>[2]>;

/**
 * Saves a program as versioned JSON, atomically. Refuses (and writes nothing) when any field
 * holds something that looks like an API key or equals one of `secrets`.
 *
 * @throws {ProgramFileError} naming the field that holds a secret.
 */
export async function saveProgram(
  path: string,
  program: Program,
  options: {
    /** Where it came from. Default: untrained (`model: "unknown"`, `backend: "none"`, nulls). */
    provenance?: Partial<SavedProgram["provenance"]>;
    /** Secret values (e.g. the API key in use) that must not appear in the file. Default: none. */
    secrets?: readonly string[];
    /**
     * The clock for `savedAt`. Default: `() => new Date()`. A test hook.
     *
     * @ignore
     */
    now?: () => Date;
  } = {},
): Promise<SavedProgram> {
  const saved: SavedProgram = {
    format: PROGRAM_FORMAT,
    version: PROGRAM_VERSION,
    savedAt: (options.now ?? (() => new Date()))().toISOString(),
    program: resolveProgram(program),
    provenance: {
      model: options.provenance?.model ?? "unknown",
      backend: options.provenance?.backend ?? "none",
      policy: options.provenance?.policy ?? null,
      run: options.provenance?.run ?? null,
      checkpoint: options.provenance?.checkpoint ?? null,
      validationScore: options.provenance?.validationScore ?? null,
    },
  };
  const leak = findSecret(saved, options.secrets ?? [], []);
  if (leak !== undefined) {
    throw new ProgramFileError(path, leak, "holds what looks like an API key; refusing to save it");
  }
  await writeFileAtomic(path, JSON.stringify(saved, null, 2) + "\n");
  return saved;
}

/**
 * Loads and validates a saved program.
 *
 * @throws {ProgramFileError} when the file is missing, not JSON, or a field is wrong (the error
 *   names the field, e.g. `program.k`).
 */
export async function loadProgram(path: string): Promise<SavedProgram> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (cause) {
    throw new ProgramFileError(path, "", `cannot read it (${(cause as Error).message})`, { cause });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new ProgramFileError(path, "", `not JSON (${(cause as Error).message})`, { cause });
  }
  const parsed = savedSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.code === "unrecognized_keys"
      ? formatJsonPath([...issue.path, issue.keys[0]!])
      : formatJsonPath(issue.path);
    throw new ProgramFileError(path, field, issue.message);
  }
  return parsed.data as SavedProgram;
}

/**
 * The checkpoint folder path to record in the program saved at `programPath`: relative to the
 * program file's folder, so that moving the two together keeps them paired.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { checkpointRelativeTo } from "./saved_program.ts";
 * assert.ok(checkpointRelativeTo("out/p.json", "out/ckpt/best") === "ckpt/best");
 * ```
 */
export function checkpointRelativeTo(programPath: string, checkpointDir: string): string {
  return relative(dirname(resolve(programPath)), resolve(checkpointDir)) || ".";
}

/**
 * The checkpoint of a program loaded from `programPath`, ready to use: for the embedded backend
 * a folder path resolved against the program file's folder (an absolute path, from older
 * files, as recorded; an older path relative to the working folder is used when it exists
 * there and the program-relative one does not); otherwise the recorded name; `null` when none.
 */
export async function checkpointOf(
  programPath: string,
  saved: SavedProgram,
): Promise<string | null> {
  const recorded = saved.provenance.checkpoint;
  if (recorded === null || saved.provenance.backend !== "embedded") return recorded;
  if (isAbsolute(recorded)) return recorded;
  const fromProgram = resolve(dirname(resolve(programPath)), recorded);
  const exists = (path: string) => Deno.stat(path).then(() => true, () => false);
  if (await exists(fromProgram)) return fromProgram;
  const fromCwd = resolve(recorded);
  return (await exists(fromCwd)) ? fromCwd : fromProgram;
}
