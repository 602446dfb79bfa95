/**
 * The prompt format of the QA program: what `lib/program` renders and what a policy (the embedded
 * one sees only the chat messages, like a real LM) reads back. One set of constants and the
 * render/parse helpers built on them, so the two sides cannot drift.
 *
 * The user message is the memory section (a header, then one line per memory, or `(none)`), a
 * blank line, and the question line:
 *
 * ```text
 * Memories from the conversation (most relevant first):
 * [D1:3 | 8 May 2023] Caroline: I went to a support group yesterday.
 *
 * Question: When did Caroline go to the support group?
 * ```
 *
 * @module
 */

/** The header that precedes retrieved memory lines (`memory` context). */
export const MEMORY_HEADER = "Memories from the conversation (most relevant first):";

/** The header that precedes the evidence turns (`oracle-evidence` context). */
export const EVIDENCE_HEADER = "Memories from the conversation (the evidence turns):";

/** The line shown under a header when no memory line was selected. */
export const NO_MEMORIES = "(none)";

/** The prefix of the question line in the user message (and of a demo's user message). */
export const QUESTION_PREFIX = "Question: ";

/**
 * The label before the answer in a reply (`Answer:`, `Final answer:`, optionally bold, ASCII or
 * full-width colon), at the start of a line. Global: use with `matchAll`.
 */
export const ANSWER_LABEL_PATTERN: RegExp =
  /(?:^|\n)\s*(?:\*\*)?(?:final answer|answer)(?:\*\*)?\s*[:：][ \t]*(?:\*\*)?/gi;

/** The pattern a reader uses to parse a memory line back: groups are ids, date, rest. */
export const MEMORY_LINE_PATTERN: RegExp = /^\[([^\]|]*?) \| ([^\]]*)\] (.*)$/;

/**
 * The header of the `full-context` section: the whole conversation, oldest first, noting how many
 * of the earliest turns were cut to fit.
 */
export function conversationHeader(omittedTurns: number): string {
  return omittedTurns > 0
    ? `The conversation (oldest first; the ${omittedTurns} earliest turns were cut to fit):`
    : "The conversation (oldest first):";
}

/** The parts of one memory line. */
export interface MemoryLineParts {
  /** The id shown first: a dia_id, or `S<n>` for a session summary. */
  label: string;
  /** The short session date, e.g. `8 May 2023`. */
  date: string;
  /** `(generated observation)`-style tag for generated units; empty for dialogue. */
  tag: string;
  /** The speaker, when there is one. */
  speaker: string | undefined;
  /** The text (whitespace runs become one space). */
  text: string;
  /** An image caption, when there is one. */
  imageCaption: string | undefined;
}

/**
 * Renders one memory line: `[label | date] tag speaker: text [shared image: caption]`.
 *
 * @example
 * ```ts
 * import { renderMemoryLine } from "./prompt_format.ts";
 * renderMemoryLine({ label: "D1:3", date: "8 May 2023", tag: "", speaker: "Caroline", text: "Hi!",
 *   imageCaption: undefined }); // "[D1:3 | 8 May 2023] Caroline: Hi!"
 * ```
 */
export function renderMemoryLine(parts: MemoryLineParts): string {
  const head = `[${parts.label} | ${parts.date}]`;
  const tag = parts.tag === "" ? "" : ` ${parts.tag}`;
  const who = parts.speaker === undefined ? "" : ` ${parts.speaker}:`;
  const image = parts.imageCaption === undefined ? "" : ` [shared image: ${parts.imageCaption}]`;
  const text = parts.text.replace(/\s+/g, " ").trim();
  return `${head}${tag}${who} ${text}${image}`;
}

/** A memory line read back: its ids and date, and the rest (tag, speaker and text). */
export interface ParsedMemoryLine {
  /** The ids between `[` and ` |`. */
  ids: string;
  /** The date as printed. */
  date: string;
  /** Everything after `] `. */
  rest: string;
}

/** Reads a line rendered by {@link renderMemoryLine} back, or `null` when it is not one. */
export function parseMemoryLine(line: string): ParsedMemoryLine | null {
  const m = MEMORY_LINE_PATTERN.exec(line);
  return m ? { ids: m[1]!, date: m[2]!, rest: m[3]! } : null;
}

/** The question line (or a demo's user message): `Question: <question>`. */
export function renderQuestion(question: string): string {
  return `${QUESTION_PREFIX}${question}`;
}

/** The question of a question line (trimmed), or `null` when the line is not one. */
export function parseQuestion(line: string): string | null {
  return line.startsWith(QUESTION_PREFIX) ? line.slice(QUESTION_PREFIX.length).trim() : null;
}

/** The memory section of a user message: its header and its lines. */
export interface MemorySection {
  /** The header (e.g. {@link MEMORY_HEADER}); `""` leaves the section out. */
  header: string;
  /** The memory lines in prompt order ({@link NO_MEMORIES} is shown when there are none). */
  lines: readonly string[];
}

/**
 * The user message of one question: the memory section (when given and its header is not `""`)
 * and the question line, separated by a blank line.
 */
export function renderUserMessage(question: string, memory?: MemorySection): string {
  const parts: string[] = [];
  if (memory !== undefined && memory.header !== "") {
    const lines = memory.lines.length > 0 ? memory.lines : [NO_MEMORIES];
    parts.push([memory.header, ...lines].join("\n"));
  }
  parts.push(renderQuestion(question));
  return parts.join("\n\n");
}

/** The kind of context section a user message holds, told by its header. */
export type ContextSectionKind = "memory" | "evidence" | "conversation";

/** The pattern every {@link conversationHeader} matches. */
export const CONVERSATION_HEADER_PATTERN: RegExp = /^The conversation \(oldest first[;)].*:$/;

/**
 * The kind of section a line heads (`memory` for {@link MEMORY_HEADER}, `evidence` for
 * {@link EVIDENCE_HEADER}, `conversation` for a {@link conversationHeader}), or `null` when the
 * line is not a section header. A reader uses it to skip headers and to know whether the lines
 * that follow are ranked (memory: most relevant first) or not (evidence, conversation).
 */
export function sectionHeaderKind(line: string): ContextSectionKind | null {
  const trimmed = line.trim();
  if (trimmed === MEMORY_HEADER) return "memory";
  if (trimmed === EVIDENCE_HEADER) return "evidence";
  return CONVERSATION_HEADER_PATTERN.test(trimmed) ? "conversation" : null;
}
