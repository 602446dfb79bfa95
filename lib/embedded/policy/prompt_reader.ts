/**
 * Reading the chat messages the policy is given back into a question and context lines.
 *
 * The policy sees only what a real LM sees, and reads every prompt the QA program renders
 * (`lib/protocol/prompt_format.ts`): a section header (memory, oracle evidence or the whole
 * conversation; headers are never context), its lines, and the question line.
 *
 * - `memory` lines are ranked by the retriever (most relevant first) and kept in that order.
 * - `evidence` and `conversation` lines are not ranked (they are in conversation order), so the
 *   reader ranks them itself by how much of the question they contain (IDF-weighted stems), as
 *   an LM attends to the relevant turns; of a conversation it keeps the
 *   {@link CONVERSATION_LINES} best lines.
 * - No section (the `no-memory` system): the only text given is the question, which becomes the
 *   one context line (the extractive policy's guess, as an LM without memory guesses).
 *
 * Anything else degrades gracefully: every other non-empty user line becomes a plain line
 * without date or speaker.
 *
 * @module
 */

import {
  type ChatMessage,
  NO_MEMORIES,
  parseMemoryLine,
  parseQuestion,
} from "../../protocol/mod.ts";
import { type ContextSectionKind, sectionHeaderKind } from "../../protocol/prompt_format.ts";
import { STOPWORDS, words } from "../../text/analyzer.ts";
import { porterStem } from "../../text/porter_stemmer.ts";

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
  /** The context lines, most relevant first (see the module doc for each section). */
  lines: ReadMemoryLine[];
  /**
   * Where the lines come from: a section's kind, `plain` (no header, other user lines),
   * `question` (no context at all: the question is the line) or `none` (nothing to read).
   */
  source: ContextSectionKind | "plain" | "question" | "none";
}

/** How many lines of a whole conversation the reader keeps (its most relevant ones). */
export const CONVERSATION_LINES = 10;

const SPEAKER = /^([A-Z][\p{L}'’.-]{0,30}(?: [A-Z][\p{L}'’.-]{0,30})?): (.*)$/u;

function parseLine(raw: string, rank: number): ReadMemoryLine {
  const m = parseMemoryLine(raw);
  const date = m ? m.date.trim() : "";
  // A generated unit carries a tag such as "(generated observation)" before its speaker.
  const rest = (m ? m.rest : raw).replace(/^\([^)]*\)\s*/, "");
  const s = SPEAKER.exec(rest);
  return s ? { rank, date, speaker: s[1]!, text: s[2]! } : { rank, date, speaker: "", text: rest };
}

/** Stems of the question's content words. */
function questionStems(question: string): string[] {
  return [...new Set(words(question).filter((w) => !STOPWORDS.has(w)).map(porterStem))];
}

/**
 * Orders unranked lines by their IDF-weighted share of the question's content stems (stable:
 * ties keep conversation order) and keeps the first `keep`.
 */
function rankByQuestion(lines: readonly string[], question: string, keep: number): string[] {
  const stems = questionStems(question);
  if (stems.length === 0) return lines.slice(0, keep);
  const lineStems = lines.map((line) => new Set(words(line).map(porterStem)));
  const idf = stems.map((t) =>
    Math.log((lines.length + 1) / (lineStems.filter((s) => s.has(t)).length + 0.5))
  );
  const score = lineStems.map((s) => stems.reduce((a, t, i) => a + (s.has(t) ? idf[i]! : 0), 0));
  return lines
    .map((line, i) => ({ line, i }))
    .sort((a, b) => score[b.i]! - score[a.i]! || a.i - b.i)
    .slice(0, keep)
    .map((x) => x.line);
}

/**
 * Reads the question and the context lines from the prompt messages. Never throws on odd input:
 * non-string contents are ignored, a missing question gives `""`, headers and `(none)` are never
 * lines, and without a header every non-empty user line that is not the question is a line.
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
  let section: ContextSectionKind | null = null;
  let body: string[] = [];
  for (const line of userLines) {
    const asked = parseQuestion(line);
    const header = sectionHeaderKind(line);
    if (asked !== null) question = asked;
    else if (header !== null) {
      // A new section replaces what came before it (e.g. lines of an earlier message).
      section = header;
      body = [];
    } else if (line !== NO_MEMORIES) body.push(line);
  }
  if (question === "" && body.length > 0 && body[body.length - 1]!.endsWith("?")) {
    question = body.pop()!;
  }
  let source: ReadPrompt["source"] = section ?? "plain";
  if (section === "evidence") body = rankByQuestion(body, question, body.length);
  if (section === "conversation") body = rankByQuestion(body, question, CONVERSATION_LINES);
  if (body.length === 0) {
    source = question === "" ? "none" : "question";
    if (question !== "") body = [question];
  }
  return { question, lines: body.map((raw, rank) => parseLine(raw, rank)), source };
}
