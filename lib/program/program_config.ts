/**
 * The QA program's configuration: what GRPO optimises and evaluation runs.
 *
 * @module
 */

/** Which context the program gives the LM (see {@link ProgramOptions.context}). */
export type ContextMode = Program["context"];

/** Every context mode, in report order. */
export const CONTEXT_MODES: readonly ContextMode[] = [
  "no-memory",
  "full-context",
  "memory",
  "oracle-evidence",
];

/** A worked example shown to the LM before the question. */
export type FewShotDemo = Program["demos"][number];

/** The text an LM gives to abstain; it meets the official category-5 rule ("not mentioned"). */
export const ABSTENTION = "Not mentioned in the conversation";

/** The default instructions (system message). */
export const DEFAULT_INSTRUCTIONS: string =
  "You answer questions about a long conversation between two people, using only the memories " +
  "given. Each memory line starts with [turn id | session date]. Answer with a short phrase " +
  "taken from the memories (a name, a date such as 7 May 2023, a number, a few words); for " +
  "several items, separate them with commas. For questions about when something happened, " +
  "answer with a date computed from the session date. If the memories do not contain the " +
  `answer, reply exactly: ${ABSTENTION}. Reply with the answer only.`;

/** Options of {@link resolveProgram}; every field has a default. */
export interface ProgramOptions {
  /** A short name shown in reports. Default: the context mode (`"memory"`, …). */
  name?: string;
  /**
   * Which context the program gives the LM. Default: `"memory"`.
   * - `memory`: the units retrieved for the question (the default, memory-augmented system);
   * - `no-memory`: the question only;
   * - `full-context`: the whole conversation, cut to `contextTokens` by dropping the oldest turns;
   * - `oracle-evidence`: only the question's evidence turns (an upper bound for retrieval).
   */
  context?: "memory" | "no-memory" | "full-context" | "oracle-evidence";
  /** The system message. Default: {@link DEFAULT_INSTRUCTIONS}. */
  instructions?: string;
  /** Memory units retrieved per question (`memory` mode). Default: 10. */
  k?: number;
  /** Token cap of the memory lines in the prompt (`memory`, `oracle-evidence`). Default: 2,000. */
  memoryTokens?: number;
  /** Token cap of the conversation in `full-context` mode. Default: 20,000. */
  contextTokens?: number;
  /** Sampling temperature for answers. Default: 0 (evaluation; GRPO rollouts override it). */
  temperature?: number;
  /** Completion token limit. Default: 64. */
  maxTokens?: number;
  /** Worked examples (a question and the answer to show) put before the question. Default: none. */
  demos?: { question: string; answer: string }[];
}

/** A fully resolved program (every default filled in). */
export interface Program {
  /** See {@link ProgramOptions.name}. */
  name: string;
  /** See {@link ProgramOptions.context}. */
  context: NonNullable<ProgramOptions["context"]>;
  /** See {@link ProgramOptions.instructions}. */
  instructions: string;
  /** See {@link ProgramOptions.k}. */
  k: number;
  /** See {@link ProgramOptions.memoryTokens}. */
  memoryTokens: number;
  /** See {@link ProgramOptions.contextTokens}. */
  contextTokens: number;
  /** See {@link ProgramOptions.temperature}. */
  temperature: number;
  /** See {@link ProgramOptions.maxTokens}. */
  maxTokens: number;
  /** See {@link ProgramOptions.demos}. */
  demos: NonNullable<ProgramOptions["demos"]>;
}

function positiveInt(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  return value;
}

/**
 * Resolves program options into a full {@link Program}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { resolveProgram } from "./program_config.ts";
 * const p = resolveProgram({ k: 5 });
 * assert.ok(p.context === "memory" && p.k === 5 && p.temperature === 0);
 * ```
 *
 * @throws {RangeError} for non-positive `k`, token caps or `maxTokens`, or a temperature
 *   outside [0, 2].
 * @throws {TypeError} for an unknown context mode or empty instructions.
 */
export function resolveProgram(options: ProgramOptions = {}): Program {
  const context = options.context ?? "memory";
  if (!CONTEXT_MODES.includes(context)) {
    throw new TypeError(
      `Unknown context mode ${JSON.stringify(context)}; use ${CONTEXT_MODES.join(", ")}`,
    );
  }
  const instructions = options.instructions ?? DEFAULT_INSTRUCTIONS;
  if (instructions.trim() === "") throw new TypeError("instructions must not be empty");
  const temperature = options.temperature ?? 0;
  if (!Number.isFinite(temperature) || temperature < 0 || temperature > 2) {
    throw new RangeError(`temperature must be in [0, 2], got ${temperature}`);
  }
  return {
    name: options.name ?? context,
    context,
    instructions,
    k: positiveInt("k", options.k ?? 10),
    memoryTokens: positiveInt("memoryTokens", options.memoryTokens ?? 2_000),
    contextTokens: positiveInt("contextTokens", options.contextTokens ?? 20_000),
    temperature,
    maxTokens: positiveInt("maxTokens", options.maxTokens ?? 64),
    demos: (options.demos ?? []).map((d) => ({ question: d.question, answer: d.answer })),
  };
}

/** The four comparison systems (no-memory, full-context, memory-augmented, oracle-evidence). */
export function baselinePrograms(base: ProgramOptions = {}): Program[] {
  return CONTEXT_MODES.map((context) => resolveProgram({ ...base, context, name: context }));
}
