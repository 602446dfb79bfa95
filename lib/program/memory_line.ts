/**
 * The text markers of the user message, shared by the program's renderer and the embedded
 * policy's reader (which sees only the chat messages, like a real LM). Memory lines themselves
 * are rendered by `lib/memory/unit_line.ts` as `[D1:3 | 8 May 2023] Caroline: text`.
 *
 * @module
 */

/** The pattern a reader uses to parse a memory line back: groups are ids, date, rest. */
export const MEMORY_LINE_PATTERN: RegExp = /^\[([^\]|]*?) \| ([^\]]*)\] (.*)$/;

/** The prefix of the question line in the user message. */
export const QUESTION_PREFIX = "Question: ";

/** The header that precedes memory lines in the user message. */
export const MEMORY_HEADER = "Memories from the conversation (most relevant first):";
