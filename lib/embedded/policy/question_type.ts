/**
 * The expected answer type of a question, from its wording.
 *
 * @module
 */

/** Answer types the policy distinguishes. */
export type QuestionType =
  | "when"
  | "howmany"
  | "who"
  | "where"
  | "what"
  | "why"
  | "how"
  | "yesno"
  | "other";

/** Every {@link QuestionType}, in a fixed order (feature layout depends on it). */
export const QUESTION_TYPES: readonly QuestionType[] = [
  "when",
  "howmany",
  "who",
  "where",
  "what",
  "why",
  "how",
  "yesno",
  "other",
];

const AUXILIARIES = new Set([
  "is",
  "are",
  "was",
  "were",
  "do",
  "does",
  "did",
  "would",
  "could",
  "can",
  "has",
  "have",
  "had",
  "will",
  "should",
  "might",
]);

/**
 * Classifies a question by the answer it asks for: dates (`when`, "what year", "which month"),
 * counts (`how many/much/long/old`), people (`who`, `whose`), places (`where`, "which city"),
 * yes/no (leading auxiliary), else by its wh-word.
 *
 * @example
 * ```ts
 * import { questionType } from "./question_type.ts";
 * questionType("When did Caroline go to the support group?"); // "when"
 * questionType("How many children does Melanie have?"); // "howmany"
 * ```
 */
export function questionType(question: string): QuestionType {
  const q = question.toLowerCase().replace(/[^a-z0-9' ]+/g, " ").trim();
  if (/^when\b|\b(what|which) (year|month|date|day|time|week)\b|\bhow long ago\b/.test(q)) {
    return "when";
  }
  if (/\bhow (many|much|long|old|often)\b/.test(q)) return "howmany";
  if (/^(who|whose|whom)\b|\bwith whom\b|\bwho\b/.test(q)) return "who";
  if (/^where\b|\b(what|which) (city|country|state|place|town|park|restaurant)\b/.test(q)) {
    return "where";
  }
  if (/^why\b/.test(q)) return "why";
  if (/^how\b/.test(q)) return "how";
  if (/^(what|which)\b|\bwhat\b/.test(q)) return "what";
  const first = q.split(" ")[0] ?? "";
  if (AUXILIARIES.has(first)) return "yesno";
  return "other";
}
