/**
 * Extracting the answer from an LM's reply.
 *
 * @module
 */

import { isAbstention } from "../text/mod.ts";
import { ANSWER_LABEL_PATTERN } from "../protocol/mod.ts";
import { ABSTENTION } from "./program_config.ts";

/** What {@link parseAnswer} found. */
export interface ParsedAnswer {
  /** The answer text (`""` on a format failure). */
  answer: string;
  /** Whether the reply abstains ("not mentioned" / "no information available"). */
  abstained: boolean;
  /** Whether no answer could be read (empty or whitespace-only reply, or an empty "Answer:"). */
  formatFailure: boolean;
}

const JSON_ANSWER_KEYS = ["answer", "final_answer", "finalanswer"];

/** The `answer` field of a reply that is one JSON object, or `undefined` when it is not. */
function jsonAnswer(raw: string): string | undefined {
  if (!raw.startsWith("{") || !raw.endsWith("}")) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  for (const [key, field] of Object.entries(value)) {
    if (!JSON_ANSWER_KEYS.includes(key.toLowerCase())) continue;
    if (typeof field === "string") return field;
    if (typeof field === "number") return String(field);
  }
  return undefined;
}

function clean(text: string): string {
  let s = text.trim().replace(/^```[a-z]*\s*|\s*```$/gi, "").trim();
  for (let previous = ""; previous !== s;) {
    previous = s;
    s = s.replace(/[.。]+$/, "").trim();
    s = s.replace(/^\*\*|\*\*$/g, "").trim();
    const m = /^(["'“‘`])(.*)(["'”’`])$/s.exec(s);
    // '"Paris" and "London"' is not one quoted string: keep its quotes.
    if (m && !(/["“”]/.test(m[1]!) && /["“”]/.test(m[2]!))) s = m[2]!.trim();
  }
  return s.replace(/\s+/g, " ").trim();
}

/**
 * Reads the answer out of a reply: takes the `answer` field of a reply that is one JSON object,
 * else the rest of the line after the last `Answer:` label when there is one (so reasoning
 * preambles and trailing explanations are dropped; a label alone on its line takes the next
 * paragraph), else the last non-empty line of a multi-line reply
 * that ends in a labelled or short line, else the whole reply; strips quotes, code fences, bold
 * markers and a final period. Empty output (or only an unfinished `<think>` block) is a format
 * failure. An abstention is recognised and
 * normalised to {@link ABSTENTION}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseAnswer } from "./parse_answer.ts";
 * assert.ok(parseAnswer('Let me think.\nAnswer: "7 May 2023".').answer === "7 May 2023");
 * assert.ok(parseAnswer("").formatFailure);
 * ```
 */
export function parseAnswer(text: string | null | undefined): ParsedAnswer {
  const raw = (text ?? "").replace(/<think>[\s\S]*?<\/think>/gi, "")
    .replace(/<think>[\s\S]*$/i, "") // an unfinished reasoning block holds no answer
    .replace(/```[a-z]*/gi, "").trim();
  if (raw === "") return { answer: "", abstained: false, formatFailure: true };
  let body = raw;
  const labels = [...raw.matchAll(ANSWER_LABEL_PATTERN)];
  const fromJson = jsonAnswer(raw);
  if (fromJson !== undefined) {
    body = fromJson;
  } else if (labels.length > 0) {
    const last = labels[labels.length - 1]!;
    const rest = raw.slice(last.index! + last[0].length);
    // "Answer: X" ends at its line (an explanation may follow); "Answer:" alone takes the
    // next paragraph (e.g. a list).
    const sameLine = rest.split("\n")[0]!.trim();
    body = sameLine !== "" ? sameLine : rest.trim().split(/\n\s*\n/)[0]!;
  } else if (raw.includes("\n")) {
    const lines = raw.split("\n").map((l) => l.trim()).filter((l) => l !== "");
    body = lines[lines.length - 1]!;
  }
  const answer = clean(body);
  if (answer === "") return { answer: "", abstained: false, formatFailure: true };
  if (isAbstention(answer)) return { answer: ABSTENTION, abstained: true, formatFailure: false };
  return { answer, abstained: false, formatFailure: false };
}
