/**
 * Reading a CORRECT/WRONG verdict out of a judge reply, however it is wrapped.
 *
 * @module
 */

import { JudgeParseError } from "./judge_errors.ts";
import type { JudgeVerdict } from "./judge_types.ts";

/** A judge's label. */
export type JudgeLabel = JudgeVerdict["label"];

/** A parsed judge reply: the label and the judge's reason. */
export type ParsedVerdict = Pick<JudgeVerdict, "label" | "reason">;

const LABEL_KEYS = ["label", "verdict", "judgment", "judgement", "grade", "answer"];
const REASON_KEYS = ["reason", "reasoning", "explanation", "rationale"];

function toLabel(value: string): JudgeLabel | null {
  const word = value.trim().replace(/^[^a-z]+|[^a-z]+$/gi, "").toUpperCase();
  if (word === "CORRECT" || word === "RIGHT" || word === "TRUE") return "CORRECT";
  if (word === "WRONG" || word === "INCORRECT" || word === "FALSE") return "WRONG";
  return null;
}

function fieldOf(object: Record<string, unknown>, keys: string[]): unknown {
  for (const [key, value] of Object.entries(object)) {
    if (keys.includes(key.trim().toLowerCase())) return value;
  }
  return undefined;
}

/** JSON candidates: the text, fenced blocks, the outermost `{…}`, and single-quoted variants. */
function jsonCandidates(text: string): string[] {
  const out = [text];
  for (const m of text.matchAll(/```[a-z]*\s*([\s\S]*?)```/gi)) out.push(m[1]!);
  const open = text.indexOf("{");
  const close = text.lastIndexOf("}");
  if (open !== -1 && close > open) out.push(text.slice(open, close + 1));
  return [...out, ...out.map((c) => c.replace(/'/g, '"'))];
}

function fromJson(text: string): ParsedVerdict | null {
  for (const candidate of jsonCandidates(text)) {
    let value: unknown;
    try {
      value = JSON.parse(candidate.trim());
    } catch {
      continue;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) continue;
    const record = value as Record<string, unknown>;
    const raw = fieldOf(record, LABEL_KEYS);
    const label = typeof raw === "string" ? toLabel(raw) : null;
    if (label === null) continue;
    const reason = fieldOf(record, REASON_KEYS);
    return { label, reason: typeof reason === "string" ? reason.trim() : "" };
  }
  return null;
}

function reasonFromText(text: string): string {
  const quoted = /["']?(?:reason|reasoning|explanation)["']?\s*[:=]\s*["']([^"']*)/i.exec(text);
  if (quoted) return quoted[1]!.trim();
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}

/** The label of a `label: X` pattern, the last upper-case label word, or the last plain one. */
function fromProse(text: string): JudgeLabel | null {
  const keyed = [
    ...text.matchAll(/\b(?:label|verdict)\b\W{0,6}(not\s+)?(correct|incorrect|wrong)\b/gi),
  ];
  if (keyed.length > 0) return negated(keyed.at(-1)!);
  const upper = [...text.matchAll(/\b((?:not|NOT)\s+)?(CORRECT|INCORRECT|WRONG)\b/g)];
  if (upper.length > 0) return negated(upper.at(-1)!);
  const plain = [...text.matchAll(/\b(not\s+)?(correct|incorrect|wrong)\b/gi)];
  const last = plain.at(-1);
  return last ? negated(last) : null;
}

/** The label of a match whose group 1 is an optional "not" and group 2 the label word. */
function negated(match: RegExpMatchArray): JudgeLabel | null {
  const label = toLabel(match[2]!);
  return match[1] && label === "CORRECT" ? "WRONG" : label;
}

/**
 * Parses a judge reply: JSON (also inside code fences, with single quotes, or with prose around
 * it) with a `label` field in any case; else a `label: X` pattern in prose; else the last
 * upper-case `CORRECT`/`WRONG`/`INCORRECT`; else the last such word in any case (`not correct`
 * counts as WRONG). `INCORRECT` means WRONG.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const verdict = parseJudgeVerdict('{"reason": "Same city.", "label": "correct"}');
 * assert.ok(verdict.label === "CORRECT" && verdict.reason === "Same city.");
 * ```
 * @throws {JudgeParseError} when no label can be found.
 */
export function parseJudgeVerdict(text: string): Pick<JudgeVerdict, "label" | "reason"> {
  if (typeof text !== "string") throw new TypeError(`judge reply must be a string, got ${text}`);
  const json = fromJson(text);
  if (json) return json.reason === "" ? { ...json, reason: reasonFromText(text) } : json;
  const label = fromProse(text);
  if (label === null) throw new JudgeParseError(text);
  return { label, reason: reasonFromText(text) };
}
