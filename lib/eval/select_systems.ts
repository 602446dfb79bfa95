/**
 * Choosing the systems of an evaluation: baselines by name and saved programs from files.
 *
 * @module
 */

import { basename } from "node:path";
import {
  baselinePrograms,
  CONTEXT_MODES,
  type ContextMode,
  type Program,
} from "../program/program_config.ts";
import { loadProgram, type SavedProgram } from "../program/saved_program.ts";

/** A system to evaluate, before a client is attached. */
export interface SelectedSystem {
  /** The display name (unique). */
  name: string;
  /** The program. */
  program: Program;
  /** The saved program it came from, or `null` for a baseline. */
  saved: SavedProgram | null;
  /** The saved program's file, or `null`. */
  file: string | null;
}

/**
 * Parses a comma-separated list of baseline names (`no-memory,full-context,memory,
 * oracle-evidence`); an empty list means none.
 *
 * @throws {TypeError} naming an unknown system.
 */
export function parseSystemList(list: string): ContextMode[] {
  const names = list.split(",").map((s) => s.trim()).filter((s) => s !== "");
  for (const name of names) {
    if (!CONTEXT_MODES.includes(name as ContextMode)) {
      throw new TypeError(
        `unknown system ${JSON.stringify(name)}; choose from ${CONTEXT_MODES.join(", ")}`,
      );
    }
  }
  return [...new Set(names)] as ContextMode[];
}

/**
 * The baselines named in `baselines` (in report order) followed by each saved program in
 * `programFiles`; a saved program whose name is taken gets its file name appended.
 *
 * @throws {ProgramFileError} when a program file is missing or invalid.
 */
export async function selectSystems(
  baselines: readonly ContextMode[],
  programFiles: readonly string[],
): Promise<SelectedSystem[]> {
  const out: SelectedSystem[] = baselinePrograms()
    .filter((p) => baselines.includes(p.context))
    .map((program) => ({ name: program.name, program, saved: null, file: null }));
  for (const file of programFiles) {
    const saved = await loadProgram(file);
    let name = saved.program.name;
    if (out.some((s) => s.name === name)) name = `${name} (${basename(file)})`;
    for (let i = 2; out.some((s) => s.name === name); i++) name = `${saved.program.name} #${i}`;
    out.push({ name, program: saved.program, saved, file });
  }
  return out;
}
