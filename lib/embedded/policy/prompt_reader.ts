/**
 * Reading the chat messages the policy is given back into a question and memory lines.
 *
 * The policy sees only what a real LM sees. The QA program renders memory lines in the wire's
 * prompt format (`lib/protocol/prompt_format.ts`) under the memory header and ends with a
 * question line; anything else degrades gracefully: every other non-empty line of the user messages becomes
 * a plain memory line without date or speaker.
 *
 * @module
 */

import {
  type ChatMessage,
  MEMORY_HEADER,
  NO_MEMORIES,
  parseMemoryLine,
  parseQuestion,
} from "../../protocol/mod.ts";

/** One memory line as the policy reads it. */
export interface ReadMemoryLine {
  /** 0-based position among the memory lines (0 = most relevant). */
  rank: number;
  /** The session date as printed (e.g. `8 May 2023`); `""` when the line shows none. */
  date: string;
  /** The speaker; `""` when the line names none. */
  speaker: string;
  /** The text after the speaker (image captions included). */
  text: string;
}

/** What the policy reads from a prompt. */
export interface ReadPrompt {
  /** The question; `""` when no question line was found. */
  question: string;
  /** The memory lines in prompt order. */
  lines: ReadMemoryLine[];
}

const SPEAKER = /^([A-Z][\p{L}'’.-]{0,30}(?: [A-Z][\p{L}'’.-]{0,30})?): (.*)$/u;

function parseLine(raw: string, rank: number): ReadMemoryLine {
  const m = parseMemoryLine(raw);
  const date = m ? m.date.trim() : "";
  // A generated unit carries a tag such as "(generated observation)" before its speaker.
  const rest = (m ? m.rest : raw).replace(/^\([^)]*\)\s*/, "");
  const s = SPEAKER.exec(rest);
  return s ? { rank, date, speaker: s[1]!, text: s[2]! } : { rank, date, speaker: "", text: rest };
}

/**
 * Reads the question and the memory lines from the prompt messages. Never throws on odd input:
 * non-string contents are ignored, a missing question gives `""`, and without the memory header
 * every non-empty user line that is not the question is a memory line.
 *
 * @example
 * ```ts
 * import { readPrompt } from "./prompt_reader.ts";
 * const read = readPrompt([{ role: "user", content: "[D1:3 | 8 May 2023] Ann: Hi\n\nQuestion: Who?" }]);
 * // read.question === "Who?"; read.lines[0].speaker === "Ann"
 * ```
 */
export function readPrompt(messages: readonly ChatMessage[]): ReadPrompt {
  const userLines: string[] = [];
  for (const message of Array.isArray(messages) ? messages : []) {
    if (message === null || typeof message !== "object") continue;
    if (message.role !== "user" || typeof message.content !== "string") continue;
    for (const line of message.content.split(/\r?\n/)) {
      const trimmed = line.trim();
      if (trimmed !== "") userLines.push(trimmed);
    }
  }
  let question = "";
  const body: string[] = [];
  for (const line of userLines) {
    const asked = parseQuestion(line);
    if (asked !== null) question = asked;
    else if (line !== MEMORY_HEADER && line !== NO_MEMORIES) body.push(line);
  }
  if (question === "" && body.length > 0 && body[body.length - 1]!.endsWith("?")) {
    question = body.pop()!;
  }
  return { question, lines: body.map((raw, rank) => parseLine(raw, rank)) };
}
